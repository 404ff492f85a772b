// Group errors through n8n-core's real engine against the sandbox: name clashes, unknown members (404 and 400),
// a failed chunk, unknown user names, a deleted group, bad input.
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 300, reservedGroupNames: ['site-admins', 'jira-software-users'] });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset({ seedUsers: 300 });
	sandbox.configure({ memberRemoveForms: 'both', groupMemberNotFound: 404, memberNotFoundNamesMembers: true });
	sandbox.requests.length = 0;
});

const run = async (parameters: Record<string, unknown>, input?: Array<Record<string, unknown>>, continueOnFail = false) =>
	await runNode({ parameters: { resource: 'group', ...parameters }, input, credentials: sandboxCredentials(sandbox), continueOnFail });
const users = () => sandbox.store.users(sandbox.directoryId);
const userNames = (from: number, to: number) => users().slice(from, to).map((u) => u.userName);
const ids = (from: number, to: number) => users().slice(from, to).map((u) => u.id);
const groups = () => sandbox.store.groups(sandbox.directoryId);
const members = (id: string) => [...groups().find((g) => g.id === id)!.members];
const writes = () => sandbox.requests.filter((r) => r.method !== 'GET');

async function createGroup(displayName: string, memberIds: string[] = []): Promise<string> {
	const { items, error } = await run({ operation: 'create', displayName, additionalFields: memberIds.length ? { members: memberIds, membersAre: 'id' } : {} });
	expect(error).toBeUndefined();
	sandbox.requests.length = 0;
	return String(items[0].json.id);
}

describe('409: the name is taken', () => {
	test('by a SCIM group (any case): a clear message, no second group', async () => {
		await createGroup('Engineering');
		const { error } = await run({ operation: 'create', displayName: 'engineering' });
		expect(error?.httpCode).toBe('409');
		const id = groups()[0].id;
		expect(error?.message).toBe(`A SCIM group named "Engineering" already exists (ID ${id})`);
		// Atlassian's detail ends with a period: one period, not two.
		expect(error?.description).toBe('Atlassian answered 409: Resource [GROUP]: with displayName already exists. Use that group (Get, with the Group mode Name), or choose another name.');
		expect(groups()).toHaveLength(1);
	});

	test('by a site group SCIM cannot list: Get Many does not show it, the message says why', async () => {
		const list = await run({ operation: 'getAll', returnAll: true });
		expect(list.items).toHaveLength(0);
		const { error } = await run({ operation: 'create', displayName: 'jira-software-users', additionalFields: { members: userNames(0, 2) } });
		expect(error?.httpCode).toBe('409');
		expect(error?.message).toBe('A group named "jira-software-users" already exists as a site, organization or default-access group that SCIM cannot list');
		expect(error?.description).toMatch(/do not appear in Get Many, but their names are taken\. Atlassian Administration lists them under Directory → Groups/);
		expect(error?.description).not.toMatch(/\.\./);
		expect(groups()).toHaveLength(0);
	});
});

describe('unknown members', () => {
	test.each([404, 400] as const)('Atlassian answering %i: the error names the unknown member, not the good ones; nothing changes', async (status) => {
		sandbox.configure({ groupMemberNotFound: status });
		const id = await createGroup('team', ids(0, 2));
		const { error } = await run({ operation: 'addMembers', groupId: locator('id', id), membersAre: 'id', members: `${ids(10, 11)[0]}, ghost-user-id, ${ids(11, 12)[0]}` });
		expect(error?.httpCode).toBe(String(status));
		expect(error?.message).toBe(`Could not add members to group "${id}": this user does not exist in this directory: "ghost-user-id"`);
		expect(error?.description).toMatch(new RegExp(`^Atlassian answered ${status}: User does not exist: ghost-user-id\\.`));
		expect(members(id)).toEqual(ids(0, 2));
	});

	test.each([404, 400] as const)('Atlassian naming the unknown member (%i): no member is looked up', async (status) => {
		sandbox.configure({ groupMemberNotFound: status });
		const id = await createGroup('named');
		const list = [...ids(0, 60), 'ghost-a', ...ids(60, 99)];
		const { error } = await run({ operation: 'addMembers', groupId: locator('id', id), membersAre: 'id', members: list.join(',') });
		expect(error?.message).toBe(`Could not add members to group "${id}": this user does not exist in this directory: "ghost-a"`);
		expect(sandbox.requests.filter((r) => r.method === 'GET')).toEqual([]);
		expect(sandbox.requests).toHaveLength(1);
	});

	test.each([404, 400] as const)('Atlassian not naming it (%i): the members of the chunk are looked up, and the unknown one is named', async (status) => {
		sandbox.configure({ groupMemberNotFound: status, memberNotFoundNamesMembers: false });
		const id = await createGroup('unnamed');
		const list = [...ids(0, 10), 'ghost-b'];
		const { error } = await run({ operation: 'addMembers', groupId: locator('id', id), membersAre: 'id', members: list.join(',') });
		expect(error?.message).toBe(`Could not add members to group "${id}": this user does not exist in this directory: "ghost-b"`);
		expect(error?.description).toMatch(new RegExp(`^Atlassian answered ${status}: Directory, group, or user does not exist\\.`));
		expect(sandbox.requests.filter((r) => r.method === 'GET' && r.path.includes('/Users/'))).toHaveLength(11);
	});

	test('in the third of three chunks: says which chunk failed and what was already done; earlier chunks stay', async () => {
		const id = await createGroup('chunks');
		const list = [...ids(0, 230), 'ghost-1', ...ids(230, 250), 'ghost-2'];
		const { error } = await run({ operation: 'addMembers', groupId: locator('id', id), membersAre: 'id', members: list.join('\n') });
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe(
			`Could not add members to group "${id}" (chunk 3 of 3: members 201–252 of 252; members 1–200 were added already): ` +
				'these 2 users do not exist in this directory: "ghost-1", "ghost-2"',
		);
		expect(members(id)).toEqual(ids(0, 200));
	});

	test('Continue On Fail: the chunk is in the error item', async () => {
		const id = await createGroup('cof-chunks');
		const { items } = await run({ operation: 'addMembers', groupId: locator('id', id), membersAre: 'id', members: '={{ $json.who }}' }, [{ who: ids(0, 5) }, { who: [...ids(5, 105), 'nope'] }], true);
		expect(items.map((i) => Boolean(i.error))).toEqual([false, true]);
		expect(items[1].json.error).toMatch(/\(chunk 2 of 2: members 101–101 of 101; members 1–100 were added already\): this user does not exist in this directory: "nope"$/);
		expect(items[1].pairedItem).toEqual({ item: 1 });
		expect(members(id)).toEqual(ids(0, 105));
	});

	test('as initial members of a new group: named, and the group is not created', async () => {
		const { error } = await run({ operation: 'create', displayName: 'new', additionalFields: { members: [ids(0, 1)[0], 'ghost'], membersAre: 'id' } });
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toBe('Could not create group "new": this user does not exist in this directory: "ghost"');
		expect(error?.description).toMatch(/The group was not created\.$/);
		expect(groups()).toHaveLength(0);
	});

	test('among 150 initial members: the group exists with the first 100, and the error says so', async () => {
		const { error } = await run({ operation: 'create', displayName: 'partly', additionalFields: { members: [...ids(0, 120), 'ghost', ...ids(120, 149)], membersAre: 'id' } });
		const group = groups().find((g) => g.displayName === 'partly')!;
		expect(error?.message).toBe(
			'Could not add members to group "partly" (chunk 2 of 2: members 101–150 of 150; the group was created with members 1–100): ' +
				'this user does not exist in this directory: "ghost"',
		);
		expect([...group.members]).toEqual(ids(0, 100));
	});
});

describe('unknown user names', () => {
	test('refused before any change, naming every unknown name, the item and what a valid value looks like', async () => {
		const id = await createGroup('names');
		const { error } = await run({ operation: 'addMembers', groupId: locator('id', id), members: `${userNames(20, 21)[0]}\nnobody@example.com, nemo@example.com` });
		expect(error?.message).toBe('Members: no user has the user name "nobody@example.com", "nemo@example.com"');
		expect(error?.description).toBe('Item 1, field "Members". A valid value looks like the exact user names of existing users, or choose SCIM User IDs in Members Are.');
		expect(writes()).toHaveLength(0);
		expect(members(id)).toEqual([]);
	});

	test('as initial members: no group is created', async () => {
		const { error } = await run({ operation: 'create', displayName: 'never', additionalFields: { members: 'nobody@example.com' } });
		expect(error?.message).toBe('Initial Members: no user has the user name "nobody@example.com"');
		expect(groups()).toHaveLength(0);
		expect(writes()).toHaveLength(0);
	});
});

describe('other errors', () => {
	test('the group was deleted: said plainly, for add and remove', async () => {
		const id = await createGroup('gone');
		expect((await run({ operation: 'delete', groupId: locator('id', id) })).error).toBeUndefined();
		for (const operation of ['addMembers', 'removeMembers']) {
			const { error } = await run({ operation, groupId: locator('id', id), membersAre: 'id', members: ids(0, 2) });
			expect(error?.httpCode).toBe('404');
			expect(error?.message).toBe(`Could not ${operation === 'addMembers' ? 'add members to' : 'remove members from'} group "${id}": the group was not found (it may have been deleted)`);
		}
	});

	test('empty members, an empty name, a bad limit: refused before any request', async () => {
		const id = await createGroup('input');
		const noMembers = await run({ operation: 'addMembers', groupId: locator('id', id), members: ' , \n' });
		expect(noMembers.error?.message).toBe('Members: no value given');
		const noName = await run({ operation: 'create', displayName: '  ' });
		expect(noName.error?.message).toBe('Name: must not be empty');
		const badLimit = await run({ operation: 'getAll', returnAll: false, limit: 0 });
		expect(badLimit.error?.message).toBe('Limit: 0 is not a positive whole number');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Continue On Fail on Get: the missing group is an error item between two good ones', async () => {
		const id = await createGroup('present');
		const { items, error } = await run({ operation: 'get', groupId: locator('id', '={{ $json.id }}') }, [{ id }, { id: 'missing' }, { id }], true);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((i) => i.json.id ?? i.json.error)).toEqual([id, 'Not found: group "missing"', id]);
	});
});

describe('keys, rate limits and server errors, as for users', () => {
	const get = (id: string, credentials = sandboxCredentials(sandbox), requestOptions: Record<string, unknown> = {}) =>
		runNode({ parameters: { resource: 'group', operation: 'get', groupId: locator('id', id), requestOptions }, credentials });

	test('a wrong directory key: 401 that names the credential and the likely cause', async () => {
		const id = await createGroup('keys');
		const credentials = sandboxCredentials(sandbox);
		credentials.atlassianScimApi.apiKey = 'not-the-key';
		const { error } = await get(id, credentials);
		expect(error?.message).toBe('Atlassian SCIM API credential "Test atlassianScimApi": the directory API key was refused (401)');
		expect(error?.description).toMatch(/expired or regenerated/);
	});

	test('the organization key used on the directory: 403 that says so', async () => {
		const id = await createGroup('org-key');
		const credentials = sandboxCredentials(sandbox);
		credentials.atlassianScimApi.apiKey = sandbox.orgKey;
		const { error } = await get(id, credentials);
		expect(error?.message).toBe('Atlassian SCIM API credential "Test atlassianScimApi": this key may not access this directory (403)');
		expect(error?.description).toMatch(/organization API key/);
	});

	test('429s are waited out and the group comes back; a 5xx that lasts gives a clear error after Max Retries', async () => {
		const id = await createGroup('busy');
		sandbox.injectFaults([{ kind: '429', count: 2 }]);
		const waited = await get(id);
		expect(waited.error).toBeUndefined();
		expect(waited.items[0].json.id).toBe(id);
		sandbox.clearFaults();
		sandbox.injectFaults([{ kind: '503', count: 5 }]);
		const failed = await get(id, sandboxCredentials(sandbox), { maxRetries: 1 });
		sandbox.clearFaults();
		expect(failed.error?.message).toBe('Atlassian had a server error (503) after 2 attempts');
		expect(failed.error?.httpCode).toBe('503');
	});
});

