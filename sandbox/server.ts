import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { handleAdmin } from './admin';
import { gatewayError, HttpError, scimError } from './scim/errors';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup, type GroupOptions } from './scim/groups';
import { RESOURCE_TYPES, SCHEMAS, serviceProviderConfig } from './scim/metadata';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser, type ScimContext } from './scim/users';
import { seedUsers } from './seed';
import { SandboxStore } from './store';
import { Faults, RateLimiter, type FaultSpec, type RateLimit } from './traffic';

export interface SandboxOptions {
	port?: number;
	latencyMs?: number;
	orgId?: string;
	orgKey?: string;
	directories?: Array<{ id: string; key: string }>;
	seedUsers?: number;
	rateLimit?: RateLimit | null;
	pageCap?: number;
	verifiedDomains?: string[];
	groupMemberNotFound?: 400 | 404;
	memberRemoveForms?: 'both' | 'filter-path' | 'value-array';
	reservedGroupNames?: string[];
}

export interface LoggedRequest {
	method: string;
	path: string;
	query: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	status: number;
}

export interface Stats {
	requests: number;
	byStatus: Record<string, number>;
	inFlight: number;
	maxInFlight: number;
	rateLimited: number;
	faultsInjected: number;
}

export interface Sandbox {
	url: string;
	scimBaseUrl: string;
	orgId: string;
	orgKey: string;
	directoryId: string;
	directoryKey: string;
	close(): Promise<void>;
	configure(patch: Partial<Pick<SandboxOptions, 'latencyMs' | 'rateLimit' | 'groupMemberNotFound' | 'memberRemoveForms'>>): void;
	injectFaults(faults: FaultSpec[]): void;
	clearFaults(): void;
	reset(options?: { seedUsers?: number }): void;
	store: SandboxStore;
	stats(): Stats;
	resetStats(): void;
	requests: LoggedRequest[];
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer; contentType?: string };

const MAX_LOG = 5000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseJson(text: string): any {
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw scimError(400, 'Request body is not valid JSON', 'invalidSyntax');
	}
}

function bearer(req: http.IncomingMessage): string | undefined {
	const header = req.headers.authorization;
	return header && /^Bearer /.test(header) ? header.slice(7).trim() : undefined;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const orgId = options.orgId ?? 'org-sandbox-0001';
	const orgKey = options.orgKey ?? 'sandbox-org-key-0001';
	const directories = options.directories ?? [{ id: 'dir-sandbox-0001', key: 'sandbox-directory-key-0001' }];
	const pageCap = options.pageCap ?? 100;
	const store = new SandboxStore(directories, options.verifiedDomains ?? ['example.com']);
	const settings = {
		latencyMs: options.latencyMs ?? 0,
		groups: {
			groupMemberNotFound: options.groupMemberNotFound ?? 404,
			memberRemoveForms: options.memberRemoveForms ?? 'both',
			reservedGroupNames: options.reservedGroupNames ?? ['site-admins', 'jira-software-users', 'confluence-users'],
		} as GroupOptions,
	};
	const limiter = new RateLimiter(options.rateLimit ?? null);
	const faults = new Faults();
	const log: LoggedRequest[] = [];
	const emptyStats = (): Stats => ({ requests: 0, byStatus: {}, inFlight: 0, maxInFlight: 0, rateLimited: 0, faultsInjected: 0 });
	let stats = emptyStats();
	let baseUrl = '';

	const seed = (count: number) => {
		if (count > 0) seedUsers(store, store.directory(directories[0].id)!, count);
	};
	seed(options.seedUsers ?? 0);

	/** Authentication and routing of one API request; returns the answer or throws HttpError. */
	const route = (req: http.IncomingMessage, segments: string[], query: URLSearchParams, body: any): Answer => {
		const method = req.method ?? 'GET';
		const key = bearer(req);
		const isDirectoryKey = directories.some((d) => d.key === key);
		if (segments[0] === 'scim' && segments[1] === 'directory' && segments[2]) {
			const dirId = segments[2];
			const dir = store.directory(dirId);
			if (!key || (key !== orgKey && !isDirectoryKey)) throw gatewayError(401, 'Unauthorized');
			if (!dir || dir.key !== key) throw gatewayError(403, `Not authorized to access : scim/directory/${dirId}/${segments[3] ?? ''}`);
			const ctx: ScimContext = { store, dir, pageCap, location: `${baseUrl}/scim/directory/${dirId}` };
			const [resource, id, ...extra] = segments.slice(3);
			if (extra.length) throw scimError(404, 'Not found');
			if (resource === 'Users') {
				if (!id && method === 'GET') return { status: 200, body: listUsers(ctx, query) };
				if (!id && method === 'POST') return { status: 201, body: createUser(ctx, body, query) };
				if (id && method === 'GET') return { status: 200, body: getUser(ctx, id, query) };
				if (id && method === 'PUT') return { status: 200, body: replaceUser(ctx, id, body, query) };
				if (id && method === 'PATCH') return { status: 200, body: patchUser(ctx, id, body, query) };
				if (id && method === 'DELETE') return (deleteUser(ctx, id), { status: 204 });
			}
			if (resource === 'Groups') {
				if (!id && method === 'GET') return { status: 200, body: listGroups(ctx, query) };
				if (!id && method === 'POST') return { status: 201, body: createGroup(ctx, settings.groups, body) };
				if (id && method === 'GET') return { status: 200, body: getGroup(ctx, id) };
				if (id && method === 'PUT') return { status: 200, body: replaceGroup(ctx, id, body) };
				if (id && method === 'PATCH') return { status: 200, body: patchGroup(ctx, settings.groups, id, body) };
				if (id && method === 'DELETE') return (deleteGroup(ctx, id), { status: 204 });
			}
			if (method === 'GET' && resource === 'ServiceProviderConfig' && !id) return { status: 200, body: serviceProviderConfig(pageCap) };
			if (method === 'GET' && resource === 'Schemas') {
				if (!id) return { status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 3, Resources: Object.values(SCHEMAS) } };
				if (SCHEMAS[id]) return { status: 200, body: SCHEMAS[id] };
			}
			if (method === 'GET' && resource === 'ResourceTypes') {
				if (!id) return { status: 200, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2, Resources: Object.values(RESOURCE_TYPES) } };
				if (RESOURCE_TYPES[id]) return { status: 200, body: RESOURCE_TYPES[id] };
			}
			throw scimError(404, `No such endpoint: ${method} ${segments.slice(3).join('/')}`);
		}
		if (segments[0] === 'admin') {
			const where = `admin/${segments.slice(1).join('/')}`;
			if (!key || (key !== orgKey && !isDirectoryKey)) throw gatewayError(401, 'Unauthorized');
			if (key !== orgKey) throw gatewayError(403, `Not authorized to access : ${where}`);
			const org = { id: orgId, type: 'orgs', attributes: { name: 'Sandbox Org' }, links: { self: `${baseUrl}/admin/v1/orgs/${orgId}` } };
			if (segments[1] === 'v1' && segments[2] === 'orgs' && method === 'GET') {
				if (segments.length === 3) return { status: 200, body: { data: [org], links: {} } };
				if (segments.length === 4) {
					if (segments[3] !== orgId) throw gatewayError(403, `Not authorized to access org ${segments[3]}`);
					return { status: 200, body: { data: org } };
				}
			}
			if (segments[1] === 'user-provisioning' && segments[2] === 'v1' && segments[3] === 'org' && segments[4]) {
				if (segments[4] !== orgId) throw gatewayError(403, `Not authorized to access org ${segments[4]}`);
				const answer = handleAdmin(store, orgId, method, segments.slice(5), body);
				return { ...answer, contentType: 'application/json' };
			}
			throw new HttpError(404, { errors: [{ status: '404', code: 'NOT_FOUND', title: 'Not Found', detail: where }] }, 'application/json');
		}
		throw new HttpError(404, { error: 'Not Found', traceId: 'none' }, 'application/json');
	};

	const control = async (req: http.IncomingMessage, route: string, body: any): Promise<Answer> => {
		const method = req.method ?? 'GET';
		if (method === 'GET' && route === 'state') {
			const dirs = Object.fromEntries(
				[...store.directories.values()].map((d) => [
					d.id,
					{ users: d.list(), groups: [...d.groups.values()].map((g) => ({ ...g, members: [...g.members] })) },
				]),
			);
			const first = dirs[directories[0].id];
			return { status: 200, body: { users: first.users, groups: first.groups, directories: dirs, accounts: [...store.accounts.values()] } };
		}
		if (method === 'GET' && route === 'stats') return { status: 200, body: stats };
		if (method === 'POST' && route === 'stats/reset') return (sandbox.resetStats(), { status: 204 });
		if (method === 'POST' && route === 'reset') return (sandbox.reset(body ?? {}), { status: 204 });
		if (method === 'POST' && route === 'configure') return (sandbox.configure(body ?? {}), { status: 204 });
		if (method === 'POST' && route === 'faults') return (faults.set(Array.isArray(body) ? body : [body]), { status: 204 });
		if (method === 'DELETE' && route === 'faults') return (faults.clear(), { status: 204 });
		return { status: 404, body: { error: `no control route ${method} ${route}` } };
	};

	const faultAnswer = (fault: FaultSpec): Answer | 'drop' => {
		switch (fault.kind) {
			case 'drop':
				return 'drop';
			case '429':
				return { status: 429, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'Too many requests' }, headers: { 'Retry-After': '1' } };
			case 'malformed':
				return { status: 200, raw: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"Resources":[{"id":', contentType: 'application/scim+json' };
			case 'html':
				return { status: 502, raw: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>', contentType: 'text/html' };
			case 'empty':
				return { status: 200, raw: '', contentType: 'application/scim+json' };
			case 'oversized':
				return { status: 200, raw: `[${'0,'.repeat(10 * 1024 * 1024)}0]`, contentType: 'application/json' };
			default:
				return { status: Number(fault.kind), body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: fault.kind, detail: 'Injected server error' } };
		}
	};

	const sockets = new Set<Socket>();
	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const segments = url.pathname.split('/').filter(Boolean).map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				return s;
			}
		});
		const text = await readBody(req);
		const send = (answer: Answer) => {
			const headers: Record<string, string> = { ...(answer.headers ?? {}) };
			let payload: string | Buffer = '';
			if (answer.raw !== undefined) payload = answer.raw;
			else if (answer.body !== undefined) payload = JSON.stringify(answer.body);
			if (payload.length || answer.raw !== undefined) headers['Content-Type'] = answer.contentType ?? 'application/scim+json';
			res.writeHead(answer.status, headers);
			res.end(payload);
		};
		if (segments[0] === '__sandbox') {
			try {
				send(await control(req, segments.slice(1).join('/'), parseJson(text)));
			} catch (error) {
				send({ status: 400, body: { error: (error as Error).message } });
			}
			return;
		}
		stats.requests++;
		stats.inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		let status = 0;
		const finish = () => {
			stats.inFlight--;
			stats.byStatus[String(status)] = (stats.byStatus[String(status)] ?? 0) + 1;
			log.push({ method: req.method ?? '', path: url.pathname, query: url.search.slice(1), headers: req.headers, body: text, status });
			if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
		};
		try {
			let answer: Answer | 'drop';
			const rate = limiter.take();
			const fault = rate.allowed ? faults.pick(req.method ?? 'GET', url.pathname) : undefined;
			if (fault) stats.faultsInjected++;
			if (!rate.allowed) {
				stats.rateLimited++;
				answer = { status: 429, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'Too many requests' }, headers: rate.headers };
			} else {
				if (fault?.kind === 'slow') await sleep(fault.delayMs ?? 2000);
				if (fault && fault.kind !== 'slow' && fault.after !== 'after') {
					answer = faultAnswer(fault);
				} else {
					try {
						answer = route(req, segments, url.searchParams, parseJson(text));
					} catch (error) {
						if (!(error instanceof HttpError)) throw error;
						answer = { status: error.status, body: error.body, contentType: error.contentType };
					}
					if (fault && fault.kind !== 'slow' && fault.after === 'after') answer = faultAnswer(fault);
				}
				if (answer !== 'drop') answer.headers = { ...rate.headers, ...answer.headers };
			}
			if (settings.latencyMs > 0) await sleep(settings.latencyMs);
			if (answer === 'drop') {
				status = -1;
				req.socket.destroy();
			} else {
				status = answer.status;
				send(answer);
			}
		} catch (error) {
			status = 500;
			send({ status: 500, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: `sandbox bug: ${(error as Error).message}` } });
		} finally {
			finish();
		}
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const sandbox: Sandbox = {
		url: baseUrl,
		scimBaseUrl: `${baseUrl}/scim/directory/${directories[0].id}`,
		orgId,
		orgKey,
		directoryId: directories[0].id,
		directoryKey: directories[0].key,
		store,
		requests: log,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
		configure(patch) {
			if (patch.latencyMs !== undefined) settings.latencyMs = patch.latencyMs;
			if (patch.rateLimit !== undefined) limiter.limit = patch.rateLimit;
			if (patch.groupMemberNotFound !== undefined) settings.groups.groupMemberNotFound = patch.groupMemberNotFound;
			if (patch.memberRemoveForms !== undefined) settings.groups.memberRemoveForms = patch.memberRemoveForms;
		},
		injectFaults: (list) => faults.set(list),
		clearFaults: () => faults.clear(),
		reset(resetOptions = {}) {
			store.clear();
			seed(resetOptions.seedUsers ?? 0);
		},
		stats: () => ({ ...stats, byStatus: { ...stats.byStatus } }),
		resetStats() {
			const { inFlight } = stats;
			stats = emptyStats();
			stats.inFlight = inFlight;
		},
	};
	return sandbox;
}
