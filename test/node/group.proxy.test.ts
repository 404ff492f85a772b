// Answers the sandbox does not give on its own, made by a small proxy in front of it: Atlassian texts that name no
// member, a strict SCIM server that answers 400 noTarget when a filter path matches no member, and a server that
// refuses both removal forms. Everything else is the sandbox, through n8n-core's real engine.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

interface Seen {
	method: string;
	path: string;
	body: string;
	status?: number;
}
interface Hooks {
	/** Answer instead of the sandbox (or undefined to forward). */
	request?: (seen: Seen) => Promise<{ status: number; body: unknown } | undefined> | { status: number; body: unknown } | undefined;
	/** Rewrite the sandbox's answer. */
	response?: (seen: Seen, status: number, text: string) => string;
}

async function proxy(target: string, hooks: Hooks) {
	const seen: Seen[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', async () => {
			const entry: Seen = { method: req.method ?? '', path: new URL(req.url ?? '/', 'http://proxy').pathname, body };
			seen.push(entry);
			const canned = await hooks.request?.(entry);
			if (canned) {
				entry.status = canned.status;
				res.writeHead(canned.status, { 'content-type': 'application/scim+json' });
				res.end(JSON.stringify(canned.body));
				return;
			}
			try {
				const answer = await fetch(`${target}${req.url}`, {
					method: req.method,
					headers: { authorization: String(req.headers.authorization ?? ''), 'content-type': String(req.headers['content-type'] ?? 'application/json') },
					body: body || undefined,
				});
				const text = await answer.text();
				entry.status = answer.status;
				res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/scim+json' });
				res.end(hooks.response ? hooks.response(entry, answer.status, text) : text);
			} catch {
				// The sandbox dropped the connection: so does the proxy.
				entry.status = -1;
				req.socket.destroy();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		seen,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

let sandbox: Sandbox;
let front: Awaited<ReturnType<typeof proxy>> | undefined;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 50 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset({ seedUsers: 50 });
	sandbox.configure({ memberRemoveForms: 'both', groupMemberNotFound: 404 });
	sandbox.clearFaults();
});
afterEach(async () => {
	await front?.close();
	front = undefined;
	sandbox.clearFaults();
});

const users = () => sandbox.store.users(sandbox.directoryId);
const ids = (from: number, to: number) => users().slice(from, to).map((u) => u.id);
const stored = (id: string) => sandbox.store.groups(sandbox.directoryId).find((g) => g.id === id);
const members = (id: string) => [...stored(id)!.members];

async function through(hooks: Hooks, parameters: Record<string, unknown>) {
	front = await proxy(sandbox.url, hooks);
	return await runNode({
		parameters: { resource: 'group', ...parameters },
		credentials: { atlassianScimApi: { directoryBaseUrl: `${front.url}/scim/directory/${sandbox.directoryId}`, apiKey: sandbox.directoryKey } },
	});
}

/** Made straight at the sandbox, not through the proxy. */
async function makeGroup(name: string, memberIds: string[]): Promise<string> {
	const { items, error } = await runNode({
		parameters: { resource: 'group', operation: 'create', displayName: name, additionalFields: memberIds.length ? { members: memberIds, membersAre: 'id' } : {} },
		credentials: sandboxCredentials(sandbox),
	});
	expect(error).toBeUndefined();
	return String(items[0].json.id);
}

const FILTER_PATH = /^members\[value eq "(.*)"\]$/;
const removeOps = (seen: Seen) =>
	seen.method === 'PATCH' && seen.path.includes('/Groups/')
		? (JSON.parse(seen.body).Operations as Array<{ op: string; path: string; value?: unknown }>).filter((o) => o.op === 'remove')
		: [];

/** RFC 7644 read strictly: a filter path that matches no member is 400 noTarget. */
const strict: Hooks = {
	request: (seen) => {
		const groupId = decodeURIComponent(seen.path.split('/').pop()!);
		const targets = removeOps(seen).map((o) => FILTER_PATH.exec(o.path)?.[1]).filter((t): t is string => t !== undefined);
		if (targets.some((t) => !stored(groupId)?.members.has(t))) {
			return { status: 400, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'noTarget', detail: 'No member matches the path' } };
		}
		return undefined;
	},
};

describe("Atlassian's text names no member", () => {
	test.each([404, 400] as const)('%i: the node looks the members up and names the missing one (user name and ID)', async (status) => {
		sandbox.configure({ groupMemberNotFound: status });
		const group = await makeGroup('opaque', []);
		const vanishing = users()[7];
		const { error } = await through(
			{
				// The user is deleted between the look-up of its user name and the PATCH.
				request: async (seen) => {
					if (seen.method === 'PATCH') {
						const deleted = await fetch(`${sandbox.scimBaseUrl}/Users/${vanishing.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${sandbox.directoryKey}` } });
						expect(deleted.status).toBe(204);
					}
					return undefined;
				},
				response: (seen, code, text) =>
					seen.method === 'PATCH' && code === 404
						? JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'directory, group, or user does not exist' })
						: seen.method === 'PATCH' && code === 400
							? JSON.stringify({ message: 'users referenced do not exist', scimErrorType: 'invalidValue', responseStatus: 'BAD_REQUEST' })
							: text,
			},
			{ operation: 'addMembers', groupId: locator('id', group), members: [users()[3].userName, vanishing.userName, users()[4].userName] },
		);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.message).toBe(`Could not add members to group "${group}": this user does not exist in this directory: "${vanishing.userName}" (ID ${vanishing.id})`);
		expect(error?.description).toMatch(status === 404 ? /^Atlassian answered 404: directory, group, or user does not exist\./ : /^Atlassian answered 400: users referenced do not exist\./);
		expect(members(group)).toEqual([]);
	});
});

describe('a strict server answering 400 noTarget', () => {
	test('after a lost answer, the retry finds the members gone: done, without switching form', async () => {
		const group = await makeGroup('lost', ids(0, 4));
		sandbox.injectFaults([{ kind: 'drop', after: 'after', method: 'PATCH', count: 1 }]);
		const { items, error } = await through(strict, { operation: 'removeMembers', groupId: locator('id', group), membersAre: 'id', members: ids(0, 2) });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: group, name: 'lost', removed: ids(0, 2), memberCount: 2 });
		expect(members(group)).toEqual(ids(2, 4));
		const patches = front!.seen.filter((s) => s.method === 'PATCH');
		expect(patches.map((p) => p.status)).toEqual([-1, 400]);
		expect(patches.every((p) => removeOps(p).every((o) => FILTER_PATH.test(o.path)))).toBe(true);
	});

	test('a chunk naming a non-member: noTarget while a member is still there, so the value list is sent and removes it', async () => {
		const group = await makeGroup('mixed', ids(0, 3));
		const { error } = await through(strict, { operation: 'removeMembers', groupId: locator('id', group), membersAre: 'id', members: [ids(1, 2)[0], ids(10, 11)[0]] });
		expect(error).toBeUndefined();
		expect(members(group)).toEqual([...ids(0, 1), ...ids(2, 3)]);
		const patches = front!.seen.filter((s) => s.method === 'PATCH');
		expect(patches.map((p) => [p.status, removeOps(p).map((o) => o.path)])).toEqual([
			[400, ids(1, 2).concat(ids(10, 11)).map((m) => `members[value eq "${m}"]`)],
			[200, ['members']],
		]);
	});
});

test('a server refusing both removal forms: each tried once, the error says so, nothing changes', async () => {
	const group = await makeGroup('stubborn', ids(0, 3));
	const { error } = await through(
		{
			request: (seen) =>
				removeOps(seen).length
					? { status: 400, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidPath', detail: 'Unsupported operation' } }
					: undefined,
		},
		{ operation: 'removeMembers', groupId: locator('id', group), membersAre: 'id', members: ids(0, 1) },
	);
	expect(error?.httpCode).toBe('400');
	expect(error?.message).toBe(`Could not remove members from group "${group}": Unsupported operation`);
	expect(error?.description).toMatch(/Both removal forms were tried/);
	expect(front!.seen.filter((s) => s.method === 'PATCH')).toHaveLength(2);
	expect(members(group)).toEqual(ids(0, 3));
});

test('a create answered with a success that is not the group: the group is found by name, not created twice', async () => {
	const { items, error } = await through(
		{
			response: (seen, status, text) =>
				seen.method === 'POST' && status === 201 ? JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] }) : text,
		},
		{ operation: 'create', displayName: 'garbled', additionalFields: { members: ids(0, 2), membersAre: 'id' }, simplify: true },
	);
	expect(error).toBeUndefined();
	const all = sandbox.store.groups(sandbox.directoryId).filter((g) => g.displayName === 'garbled');
	expect(all).toHaveLength(1);
	expect(items[0].json).toMatchObject({ id: all[0].id, name: 'garbled', memberCount: 2, createNote: expect.stringMatching(/looked up by name/) });
	expect(front!.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
});
