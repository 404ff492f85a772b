/**
 * Contract tests: the answers Atlassian documents (./documented.ts) are fed to the node's parsing through a server
 * that replays them over HTTP, and the sandbox's own answers are held against the same documents, shape for shape
 * (every documented field present, with the documented type). If the node and the sandbox ever agree on something
 * Atlassian does not do, one of these fails. docs/atlassian-api.md is the reference for both.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { cannedServer, type Canned } from '../helpers/cannedServer';
import { locator } from '../helpers/credentials';
import { runNode } from '../helpers/engine';
import { http, newUser } from '../sandbox/client';
import * as documented from './documented';

/** Where a value's shape differs from the documented one: a documented field missing, or of another JSON type. */
function shapeDifferences(actual: unknown, expected: unknown, at = '$'): string[] {
	const type = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
	if (type(actual) !== type(expected)) return [`${at}: ${type(actual)} where Atlassian documents ${type(expected)}`];
	if (Array.isArray(expected)) {
		if (!expected.length) return [];
		if (!(actual as unknown[]).length) return [`${at}: empty where Atlassian documents entries`];
		return shapeDifferences((actual as unknown[])[0], expected[0], `${at}[0]`);
	}
	if (expected && typeof expected === 'object') {
		return Object.entries(expected).flatMap(([key, value]) =>
			key in (actual as object) ? shapeDifferences((actual as Record<string, unknown>)[key], value, `${at}.${key}`) : [`${at}.${key}: missing`],
		);
	}
	return [];
}

test('the shape check sees a missing field, a number where a string is documented, and a lower-case resources', () => {
	expect(shapeDifferences({ ...documented.conflict, status: 409 }, documented.conflict)).toEqual(['$.status: number where Atlassian documents string']);
	const { Resources, ...rest } = documented.userList;
	expect(shapeDifferences({ ...rest, resources: Resources }, documented.userList)).toEqual(['$.Resources: missing']);
});

describe('the node reads what Atlassian documents', () => {
	async function withAnswers<T>(answers: Canned[], run: (credentials: ReturnType<typeof scim>) => Promise<T>): Promise<T> {
		const server = await cannedServer(answers);
		try {
			return await run(scim(server.url));
		} finally {
			await server.close();
		}
	}
	const scim = (url: string) => ({
		atlassianScimApi: { directoryBaseUrl: `${url}/scim/directory/d1`, apiKey: 'k' },
		atlassianOrganizationApi: { organizationId: 'org-0000-0001', apiKey: 'k', baseUrl: url },
	});

	test('a user (Get, Simplify): the account ID from the atlassian-external extension, the primary email', async () => {
		const { items, error } = await withAnswers([{ status: 200, body: documented.user }], async (credentials) =>
			await runNode({ parameters: { resource: 'user', operation: 'get', userId: locator('id', documented.user.id), simplify: true }, credentials }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: documented.user.id, userName: documented.user.userName, atlassianAccountId: documented.ACCOUNT_ID, primaryEmail: 'grace.hopper@example.com', active: true });
	});

	test('a ListResponse (Get Many): Resources, totalResults', async () => {
		const { items, error } = await withAnswers([{ status: 200, body: documented.userList }], async (credentials) =>
			await runNode({ parameters: { resource: 'user', operation: 'getAll', returnAll: true }, credentials }),
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual([documented.user.id]);
	});

	test('a group (Get): its members by SCIM user id', async () => {
		const { items, error } = await withAnswers([{ status: 200, body: documented.group }], async (credentials) =>
			await runNode({ parameters: { resource: 'group', operation: 'get', groupId: locator('id', documented.group.id), simplify: false }, credentials }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: documented.group.id, displayName: 'engineering', members: [{ value: documented.user.id }] });
	});

	test('a SCIM error with status as a string: 409 names the colliding email', async () => {
		const { error } = await withAnswers([{ status: 409, body: documented.conflict }], async (credentials) =>
			await runNode({ parameters: { resource: 'user', operation: 'create', userName: 'grace.hopper@example.com', emails: { email: [{ value: 'grace.hopper@example.com', type: 'work', primary: true }] } }, credentials }),
		);
		expect(error?.httpCode).toBe('409');
		expect(`${error?.message} ${error?.description}`).toContain('grace.hopper@example.com');
	});

	test('the gateway error (401): the credential is named, not a SCIM detail', async () => {
		const { error } = await withAnswers([{ status: 401, body: documented.gateway, headers: { 'content-type': 'application/json' } }], async (credentials) =>
			await runNode({ parameters: { resource: 'user', operation: 'get', userId: locator('id', documented.user.id) }, credentials }),
		);
		expect(error?.httpCode).toBe('401');
		expect(error?.message).toBe('Atlassian SCIM API credential "Test atlassianScimApi": the directory API key was refused (401)');
	});

	test('get-scim-links: every link with its directory', async () => {
		const { items, error } = await withAnswers([{ status: 200, body: documented.scimLinks, headers: { 'content-type': 'application/json' } }], async (credentials) =>
			await runNode({ parameters: { resource: 'user', operation: 'getScimLinks', findBy: 'accountId', accountId: documented.ACCOUNT_ID }, credentials }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ accountId: documented.ACCOUNT_ID, count: 1, scimLinks: documented.scimLinks.scimLinks });
	});
});

describe('the sandbox answers in the documented shapes', () => {
	let sandbox: Sandbox;
	let client: ReturnType<typeof http>;
	let userId: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		client = http(sandbox);
		const created = await client.post('/Users', newUser('grace.hopper@example.com', { name: { familyName: 'Hopper', givenName: 'Grace' }, displayName: 'Grace Hopper' }));
		expect(created.status).toBe(201);
		userId = created.json.id;
	});
	afterAll(async () => await sandbox.close());

	test('a user', async () => {
		const got = await client.get(`/Users/${userId}`);
		expect(got.status).toBe(200);
		expect(shapeDifferences(got.json, documented.user)).toEqual([]);
		expect(got.json.meta.resourceType).toBe('User');
		expect(got.json.schemas).toEqual(expect.arrayContaining(['urn:ietf:params:scim:schemas:core:2.0:User']));
	});

	test('a ListResponse', async () => {
		const list = await client.get('/Users?startIndex=1&count=100');
		expect(shapeDifferences(list.json, documented.userList)).toEqual([]);
		expect(list.json.schemas).toEqual(documented.userList.schemas);
	});

	test('a group with members', async () => {
		const created = await client.post('/Groups', { schemas: documented.group.schemas, displayName: 'engineering', members: [{ value: userId }] });
		expect(created.status).toBe(201);
		const got = await client.get(`/Groups/${created.json.id}`);
		expect(shapeDifferences(got.json, documented.group)).toEqual([]);
		expect(got.json.members[0].value).toBe(userId);
	});

	test('SCIM errors: 409 uniqueness and 404, status as a string', async () => {
		const duplicate = await client.post('/Users', newUser('grace.hopper@example.com'));
		expect(duplicate.status).toBe(409);
		expect(shapeDifferences(duplicate.json, documented.conflict)).toEqual([]);
		expect(duplicate.json).toMatchObject({ status: '409', scimType: 'uniqueness' });
		const missing = await client.get('/Users/00000000-0000-0000-0000-000000000000');
		expect(missing.status).toBe(404);
		expect(shapeDifferences(missing.json, documented.notFound)).toEqual([]);
		expect(missing.json.status).toBe('404');
	});

	test('the gateway error for a wrong key (401) and a key on the wrong path (403)', async () => {
		const wrong = await http(sandbox, 'not-a-key').get('/Users');
		expect(wrong.status).toBe(401);
		expect(shapeDifferences(wrong.json, documented.gateway)).toEqual([]);
		const orgKeyOnScim = await http(sandbox, sandbox.orgKey).get('/Users');
		expect(orgKeyOnScim.status).toBe(403);
		expect(shapeDifferences(orgKeyOnScim.json, documented.gateway)).toEqual([]);
		expect(orgKeyOnScim.json.error).toMatch(/^Not authorized to access : scim\/directory\//);
	});

	test('the Java-style 400 of PUT /Groups naming unknown users', async () => {
		const created = await client.post('/Groups', { schemas: documented.group.schemas, displayName: 'put-target' });
		const put = await client.put(`/Groups/${created.json.id}`, { schemas: documented.group.schemas, displayName: 'put-target', members: [{ value: 'no-such-user' }] });
		expect(put.status).toBe(400);
		expect(shapeDifferences(put.json, documented.javaBadRequest)).toEqual([]);
	});

	test('get-scim-links', async () => {
		const accountId = (await client.get(`/Users/${userId}`)).json['urn:scim:schemas:extension:atlassian-external:1.0'].atlassianAccountId;
		const links = await http(sandbox, sandbox.orgKey).get(`/admin/user-provisioning/v1/org/${sandbox.orgId}/user/${accountId}/get-scim-links`);
		expect(links.status).toBe(200);
		expect(shapeDifferences(links.json, documented.scimLinks)).toEqual([]);
	});
});
