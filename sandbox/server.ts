import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { handleAdmin } from './admin';
import type { Answer } from './answer';
import { authorizeAdmin, authorizeOrg, authorizeScim, identify } from './auth';
import { handleControl, validateConfigure } from './control';
import { AuditLog } from './org/events';
import { afterFault, faultAnswer } from './faultAnswers';
import { Faults } from './faults';
import { handleOrg, isOrgRoute } from './org/routes';
import { OrgState } from './org/state';
import { RateLimiter } from './rateLimit';
import { adminError, gatewayError, HttpError, routeErrorBody, scimError, scimErrorBody } from './scim/errors';
import type { GroupOptions } from './scim/groups';
import { handleScim } from './scim/router';
import { seedUsers } from './seed';
import { SandboxStore } from './store';
import type { FaultSpec, LoggedRequest, Sandbox, SandboxOptions, Stats } from './types';

const MAX_LOG = 5000;
/** Bodies above this are refused (413); a 35,000-member PATCH is about 2 MB. */
const MAX_BODY = 64 * 1024 * 1024;
/** Logged bodies are cut here so 5,000 logged bulk requests cannot eat the heap. */
const MAX_LOGGED_BODY = 2 * 1024 * 1024;

const emptyStats = (): Stats => ({ requests: 0, byStatus: {}, inFlight: 0, maxInFlight: 0, rateLimited: 0, faultsInjected: 0, faultsByKind: {} });

function parseJson(text: string): unknown {
	if (!text.trim()) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		throw scimError(400, 'The request body is not valid JSON', 'invalidSyntax');
	}
}

function segmentsOf(pathname: string): string[] {
	return pathname
		.split('/')
		.filter(Boolean)
		.map((s) => {
			try {
				return decodeURIComponent(s);
			} catch {
				return s;
			}
		});
}

function readBody(req: http.IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY) chunks.push(chunk);
		});
		req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY }));
		req.on('error', reject);
	});
}

/** Writes the answer; false when the client had already gone (e.g. it timed out), so nothing was sent. */
function send(res: http.ServerResponse, answer: Answer): boolean {
	if (res.destroyed || res.headersSent) return false;
	const headers: Record<string, string | number> = { ...(answer.headers ?? {}) };
	let payload: string | Buffer | undefined;
	if (answer.raw !== undefined) payload = answer.raw;
	else if (answer.body !== undefined) payload = JSON.stringify(answer.body);
	if (payload !== undefined) {
		headers['Content-Type'] = answer.contentType ?? 'application/scim+json';
		headers['Content-Length'] = Buffer.byteLength(payload);
	}
	res.writeHead(answer.status, headers);
	res.end(payload);
	return true;
}

/**
 * Starts the Atlassian stand-in on 127.0.0.1 (never another address): SCIM under /scim/directory/{id}, the admin
 * API under /admin, the control API under /__sandbox. Every API request goes: count → read body → rate limit →
 * fault ('before') → auth + operation → fault ('after') → latency → answer.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const orgId = options.orgId ?? 'org-sandbox-0001';
	const orgKey = options.orgKey ?? 'sandbox-org-key-0001';
	const directories = (options.directories ?? [{ id: 'dir-sandbox-0001', key: 'sandbox-directory-key-0001' }]).map((d) => ({ ...d }));
	if (!directories.length) throw new Error('startSandbox: at least one directory is needed');
	const pageCap = options.pageCap ?? 100;
	const store = new SandboxStore(directories, options.verifiedDomains ?? ['example.com']);
	const org = new OrgState(store);
	const groupOptions: GroupOptions = {
		groupMemberNotFound: options.groupMemberNotFound ?? 404,
		memberRemoveForms: options.memberRemoveForms ?? 'both',
		memberNotFoundNamesMembers: options.memberNotFoundNamesMembers ?? true,
		reservedGroupNames: options.reservedGroupNames ?? ['site-admins', 'jira-software-users', 'confluence-users'],
	};
	validateConfigure({ latencyMs: options.latencyMs ?? 0, rateLimit: options.rateLimit ?? null, groupMemberNotFound: groupOptions.groupMemberNotFound, memberRemoveForms: groupOptions.memberRemoveForms });
	let latencyMs = options.latencyMs ?? 0;
	const limiter = new RateLimiter(options.rateLimit ?? null);
	const faults = new Faults();
	const auditLog = new AuditLog(options.auditLog);
	const log: LoggedRequest[] = [];
	let stats = emptyStats();
	let closed = false;
	let url = '';

	// Timers instead of busy waits, so the event loop stays free; close() releases whatever is still waiting.
	const waiting = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
	const sleep = (ms: number) =>
		new Promise<void>((resolve) => {
			if (closed || ms <= 0) return resolve();
			const entry = { timer: setTimeout(() => entry.done(), ms), done: () => (waiting.delete(entry), clearTimeout(entry.timer), resolve()) };
			waiting.add(entry);
		});

	const seed = (count: number) => {
		if (count > 0) seedUsers(store, store.directory(directories[0].id)!, count);
	};
	seed(options.seedUsers ?? 0);

	/** Authorization and the operation itself; errors become their Atlassian-shaped answers. */
	const operate = (req: http.IncomingMessage, method: string, segments: string[], query: URLSearchParams, text: string): Answer => {
		try {
			const body = () => parseJson(text);
			if (segments[0] === 'scim' && segments[1] === 'directory' && segments[2]) {
				const caller = identify(req.headers.authorization, { orgKey, directories });
				const rest = segments.slice(3);
				authorizeScim(caller, segments[2], rest.join('/'));
				const dir = store.directory(segments[2])!;
				const recordAudit = auditLog.observe(dir, method, rest);
				const answer = handleScim({ store, dir, pageCap, location: `${url}/scim/directory/${dir.id}` }, groupOptions, method, rest, query, body);
				recordAudit(answer);
				return answer;
			}
			if (isOrgRoute(segments)) {
				return handleOrg({ state: org, orgId, url, keys: { orgKey, directories } }, { method, segments, query, text, headers: req.headers });
			}
			if (segments[0] === 'admin') {
				const caller = identify(req.headers.authorization, { orgKey, directories });
				authorizeAdmin(caller, segments.join('/'));
				if (segments[1] === 'v1' && segments[2] === 'orgs' && segments.length === 5) {
					authorizeOrg(orgId, segments[3]);
					const events = auditLog.handle(orgId, url, method, segments.slice(4), query);
					if (events) return events;
				}
				// The admin API answers in its own error shape, also for a body that is not JSON.
				const adminBody = () => {
					try {
						return body();
					} catch {
						throw adminError(400, 'BAD_REQUEST', 'Bad Request', 'The request body is not valid JSON');
					}
				};
				return handleAdmin({ store, orgId, url }, method, segments.slice(1), adminBody);
			}
			throw gatewayError(404, 'Not Found');
		} catch (error) {
			if (error instanceof HttpError) return { status: error.status, body: error.body, contentType: error.contentType };
			// A sandbox bug should be visible as such, not look like an Atlassian outage.
			return { status: 500, body: scimErrorBody(500, `sandbox bug: ${(error as Error).stack ?? error}`) };
		}
	};

	const serveApi = async (req: http.IncomingMessage, res: http.ServerResponse, parsed: URL, segments: string[]) => {
		const method = (req.method ?? 'GET').toUpperCase();
		// Latency is the server's response time, counted from the request's arrival: the sandbox's own work (a
		// 10,000-account search serialises ~100 KB a page) is part of it, not added on top, as Atlassian's would be.
		const arrived = Date.now();
		stats.requests++;
		stats.inFlight++;
		stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
		const entry: LoggedRequest = { method, path: parsed.pathname, query: parsed.search.slice(1), headers: req.headers, body: '', status: 0 };
		let statusKey = 'dropped';
		try {
			const { text, tooLarge } = await readBody(req);
			entry.body = text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}…[truncated]` : text;
			const rate = limiter.take();
			let answer: Answer | 'drop';
			if (!rate.allowed) {
				stats.rateLimited++;
				answer = { status: 429, body: routeErrorBody(segments, 429, 'Too many requests'), headers: rate.headers };
			} else {
				const fault: FaultSpec | undefined = faults.pick(method, req.url ?? parsed.pathname);
				if (fault) {
					stats.faultsInjected++;
					const kind = fault.after === 'after' ? `${fault.kind}-after` : String(fault.kind);
					stats.faultsByKind[kind] = (stats.faultsByKind[kind] ?? 0) + 1;
				}
				if (fault?.kind === 'slow') await sleep(fault.delayMs ?? 2000);
				const replaces = fault && fault.kind !== 'slow';
				if (replaces && fault.after !== 'after') answer = faultAnswer(fault, limiter.limit, segments);
				else {
					answer = tooLarge ? { status: 413, body: scimErrorBody(413, `Request body larger than ${MAX_BODY} bytes`) } : operate(req, method, segments, parsed.searchParams, text);
					if (replaces) answer = afterFault(answer, faultAnswer(fault, limiter.limit, segments));
				}
				if (answer !== 'drop') answer.headers = { ...rate.headers, ...(answer.headers ?? {}) };
			}
			// The body is serialised before the wait, as a server's own work within its response time.
			if (answer !== 'drop' && answer.raw === undefined && answer.body !== undefined) answer.raw = JSON.stringify(answer.body);
			await sleep(latencyMs - (Date.now() - arrived));
			if (answer === 'drop' || closed) {
				req.socket.destroy();
			} else {
				// A client that gave up (timed out) never saw the answer: logged as 0, "no answer was sent".
				const sent = send(res, answer);
				entry.status = sent ? answer.status : 0;
				statusKey = sent ? String(answer.status) : 'dropped';
			}
		} catch (error) {
			entry.status = 500;
			statusKey = '500';
			send(res, { status: 500, body: scimErrorBody(500, `sandbox bug: ${(error as Error).message}`) });
		} finally {
			stats.inFlight--;
			stats.byStatus[statusKey] = (stats.byStatus[statusKey] ?? 0) + 1;
			log.push(entry);
			if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
		}
	};

	const serveControl = async (req: http.IncomingMessage, res: http.ServerResponse, segments: string[]) => {
		let answer: Answer;
		try {
			const { text } = await readBody(req);
			answer = handleControl(sandbox, (req.method ?? 'GET').toUpperCase(), segments.slice(1).join('/'), () => parseJson(text));
		} catch (error) {
			const message = error instanceof HttpError ? JSON.stringify(error.body) : (error as Error).message;
			answer = { status: 400, body: { error: message }, contentType: 'application/json' };
		}
		send(res, answer);
	};

	const sockets = new Set<Socket>();
	const server = http.createServer((req, res) => {
		const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
		const segments = segmentsOf(parsed.pathname);
		void (segments[0] === '__sandbox' ? serveControl(req, res, segments) : serveApi(req, res, parsed, segments));
	});
	// Idle connections stay open for a minute, as behind the load balancers of a real API: a client that blocks its
	// event loop for a few seconds (parsing a 20 MB answer on a loaded machine) must not come back to pooled sockets
	// that the server closed meanwhile, whose FIN it has not read yet (ECONNRESET on its next request).
	server.keepAliveTimeout = 65_000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const sandbox: Sandbox = {
		url,
		scimBaseUrl: `${url}/scim/directory/${directories[0].id}`,
		orgId,
		orgKey,
		directoryId: directories[0].id,
		directoryKey: directories[0].key,
		store,
		org,
		auditLog,
		requests: log,
		async close() {
			if (closed) return;
			closed = true;
			for (const entry of [...waiting]) entry.done();
			for (const socket of sockets) socket.destroy();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
		configure(patch) {
			validateConfigure(patch);
			if (patch.latencyMs !== undefined) latencyMs = patch.latencyMs;
			if (patch.rateLimit !== undefined) limiter.configure(patch.rateLimit);
			if (patch.groupMemberNotFound !== undefined) groupOptions.groupMemberNotFound = patch.groupMemberNotFound;
			if (patch.memberRemoveForms !== undefined) groupOptions.memberRemoveForms = patch.memberRemoveForms;
			if (patch.memberNotFoundNamesMembers !== undefined) groupOptions.memberNotFoundNamesMembers = patch.memberNotFoundNamesMembers;
		},
		injectFaults: (list) => faults.add(list),
		clearFaults: () => faults.clear(),
		reset(resetOptions = {}) {
			store.clear();
			org.clear();
			auditLog.clear();
			seed(resetOptions.seedUsers ?? 0);
		},
		stats: () => ({ ...stats, byStatus: { ...stats.byStatus }, faultsByKind: { ...stats.faultsByKind } }),
		resetStats() {
			// Requests still in flight finish later and decrement inFlight: keep their count so it never goes negative.
			stats = { ...emptyStats(), inFlight: stats.inFlight, maxInFlight: stats.inFlight };
		},
	};
	return sandbox;
}
