// Group resource through n8n-core's real engine against the sandbox: create, get, get many, delete, the picker,
// and what the UI offers (no rename).
import type { INodeProperties } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runListSearch, runNode } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 300 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset({ seedUsers: 300 });
	sandbox.requests.length = 0;
});

const run = async (parameters: Record<string, unknown>, input?: Array<Record<string, unknown>>) =>
	await runNode({ parameters: { resource: 'group', ...parameters }, input, credentials: sandboxCredentials(sandbox) });
const users = () => sandbox.store.users(sandbox.directoryId);
const userNames = (from: number, to: number) => users().slice(from, to).map((u) => u.userName);
const ids = (from: number, to: number) => users().slice(from, to).map((u) => u.id);
const groups = () => sandbox.store.groups(sandbox.directoryId);
const stored = (id: unknown) => groups().find((g) => g.id === id);
const requestsTo = (method: string, path: string) => sandbox.requests.filter((r) => r.method === method && r.path.includes(path));

async function createGroup(displayName: string, members?: string[]): Promise<string> {
	const { items, error } = await run({ operation: 'create', displayName, additionalFields: members ? { members, membersAre: 'id' } : {} });
	expect(error).toBeUndefined();
	return String(items[0].json.id);
}

describe('create', () => {
	test('with an external ID and initial members given as user names: resolved to SCIM IDs, in order, one request', async () => {
		const { items, error } = await run({
			operation: 'create',
			displayName: 'engineering',
			additionalFields: { externalId: 'okta-eng', members: `${userNames(2, 3)[0]}\n${userNames(0, 1)[0]}, ${userNames(1, 2)[0]}` },
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ displayName: 'engineering', externalId: 'okta-eng' });
		expect((items[0].json.members as Array<{ value: string }>).map((m) => m.value)).toEqual([...ids(2, 3), ...ids(0, 2)]);
		expect([...stored(items[0].json.id)!.members]).toEqual([...ids(2, 3), ...ids(0, 2)]);
		expect(requestsTo('POST', '/Groups')).toHaveLength(1);
		const lookups = requestsTo('GET', '/Users').map((r) => new URLSearchParams(r.query).get('filter'));
		expect(lookups.sort()).toEqual(userNames(0, 3).map((u) => `userName eq "${u}"`).sort());
	});

	test('with initial members as SCIM IDs from an expression list; Simplify gives id, name, member count and member names', async () => {
		const { items, error } = await run(
			{ operation: 'create', displayName: '={{ $json.name }}', additionalFields: { members: '={{ $json.who }}', membersAre: 'id' }, simplify: true },
			[{ name: 'design', who: ids(5, 8) }],
		);
		expect(error).toBeUndefined();
		const id = stored(items[0].json.id)!.id;
		expect(items[0].json).toEqual({ id, name: 'design', externalId: null, memberCount: 3, memberNames: userNames(5, 8) });
		expect(requestsTo('GET', '/Users')).toHaveLength(0);
	});

	test('with 250 initial members: the first 100 go with the create, the rest in chunks; the group holds exactly those 250', async () => {
		const { items, error } = await run({ operation: 'create', displayName: 'big', additionalFields: { members: userNames(0, 250).join('\n') }, simplify: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ name: 'big', memberCount: 250 });
		expect([...stored(items[0].json.id)!.members]).toEqual(ids(0, 250));
		const post = requestsTo('POST', '/Groups');
		expect(post).toHaveLength(1);
		expect(JSON.parse(post[0].body).members).toHaveLength(100);
		const patches = requestsTo('PATCH', '/Groups/');
		expect(patches.map((p) => JSON.parse(p.body).Operations[0].value.length)).toEqual([100, 50]);
	});

	test('without members: an empty group; many items in one execution, each paired with its item', async () => {
		const names = Array.from({ length: 12 }, (_, n) => ({ name: `team-${n}` }));
		const { items, error } = await run({ operation: 'create', displayName: '={{ $json.name }}', simplify: false }, names);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.displayName)).toEqual(names.map((n) => n.name));
		expect(items.map((i) => i.pairedItem)).toEqual(names.map((_, n) => ({ item: n })));
		expect(groups().map((g) => g.displayName).sort()).toEqual(names.map((n) => n.name).sort());
		expect(groups().every((g) => g.members.size === 0)).toBe(true);
	});
});

describe('get', () => {
	test('from the list, by name (the displayName filter, not case-sensitive) and by ID, with Simplify', async () => {
		const id = await createGroup('engineering', ids(0, 3));
		for (const groupId of [locator('list', id), locator('name', 'ENGINEERING'), locator('id', id)]) {
			const { items, error } = await run({ operation: 'get', groupId, simplify: true });
			expect(error).toBeUndefined();
			expect(items[0].json).toEqual({ id, name: 'engineering', externalId: null, memberCount: 3, memberNames: userNames(0, 3) });
		}
		expect(requestsTo('GET', '/Groups').some((r) => new URLSearchParams(r.query).get('filter') === 'displayName eq "ENGINEERING"')).toBe(true);
	});

	test('without Simplify: the group as Atlassian returns it, with its members', async () => {
		const id = await createGroup('ops', ids(0, 2));
		const { items } = await run({ operation: 'get', groupId: locator('id', id), simplify: false });
		expect(items[0].json).toMatchObject({ id, displayName: 'ops', schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] });
		expect(items[0].json.members).toEqual(ids(0, 2).map((value, n) => expect.objectContaining({ value, display: userNames(n, n + 1)[0] })));
	});

	test('by a name no group has: says so before anything else; by an unknown ID: 404', async () => {
		const byName = await run({ operation: 'get', groupId: locator('name', 'no-such-group') });
		expect(byName.error?.message).toBe('Group (Name): no group is named "no-such-group" in this directory');
		const byId = await run({ operation: 'get', groupId: locator('id', '00000000-0000-0000-0000-000000000000') });
		expect(byId.error?.httpCode).toBe('404');
		expect(byId.error?.message).toBe('Not found: group "00000000-0000-0000-0000-000000000000"');
	});

	test('a name with quotes cannot widen the filter', async () => {
		await createGroup('alpha');
		const { error } = await run({ operation: 'get', groupId: locator('name', 'x" or displayName eq "alpha') });
		expect(error?.message).toMatch(/no group is named/);
	});
});

describe('get many', () => {
	beforeEach(async () => {
		const names = Array.from({ length: 130 }, (_, n) => ({ name: `bulk-${String(n).padStart(3, '0')}` }));
		const { error } = await run({ operation: 'create', displayName: '={{ $json.name }}', simplify: false }, names);
		expect(error).toBeUndefined();
		sandbox.requests.length = 0;
	});

	test('limit: exactly that many, asking for no more', async () => {
		const { items, error } = await run({ operation: 'getAll', returnAll: false, limit: 5 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(requestsTo('GET', '/Groups').map((r) => new URLSearchParams(r.query).get('count'))).toEqual(['5']);
	});

	test('limit above one page: 120 over two pages', async () => {
		const { items } = await run({ operation: 'getAll', returnAll: false, limit: 120 });
		expect(items).toHaveLength(120);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(120);
	});

	test('return all: every group across pages of 100, simplified', async () => {
		const { items, error } = await run({ operation: 'getAll', returnAll: true, simplify: true });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.name).sort()).toEqual(groups().map((g) => g.displayName).sort());
		expect(items).toHaveLength(130);
		expect(items[0].json).toEqual({ id: expect.any(String), name: expect.stringMatching(/^bulk-/), externalId: null, memberCount: 0, memberNames: [] });
		expect(requestsTo('GET', '/Groups').length).toBeGreaterThanOrEqual(2);
	});

	test('filter by name: exact, not case-sensitive; nothing for an unknown name', async () => {
		const { items } = await run({ operation: 'getAll', returnAll: true, filters: { displayName: 'Bulk-007' } });
		expect(items.map((i) => i.json.name)).toEqual(['bulk-007']);
		const none = await run({ operation: 'getAll', returnAll: true, filters: { displayName: 'bulk-00' } });
		expect(none.error).toBeUndefined();
		expect(none.items).toHaveLength(0);
	});

	test('the picker lists groups and searches them by part of the name', async () => {
		const listed = await runListSearch('searchGroups', sandboxCredentials(sandbox));
		expect(listed.results).toHaveLength(100);
		expect(listed.paginationToken).toBe('101');
		const found = await runListSearch('searchGroups', sandboxCredentials(sandbox), 'bulk-12');
		expect(found.results.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, n) => `bulk-12${n}`));
		expect(found.results[0].value).toBe(groups().find((g) => g.displayName === 'bulk-120')!.id);
	});
});

describe('delete', () => {
	test('by ID: {id, deleted}; the group is gone, its users are not; get then gives 404; a second delete gives 404', async () => {
		const id = await createGroup('doomed', ids(0, 3));
		const { items, error } = await run({ operation: 'delete', groupId: locator('id', id) });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id, deleted: true });
		expect(stored(id)).toBeUndefined();
		expect(users().slice(0, 3).map((u) => u.id)).toEqual(ids(0, 3));
		const after = await run({ operation: 'get', groupId: locator('id', id) });
		expect(after.error?.httpCode).toBe('404');
		const again = await run({ operation: 'delete', groupId: locator('id', id) });
		expect(again.error?.httpCode).toBe('404');
	});

	test('by name and from the list', async () => {
		const first = await createGroup('first');
		const second = await createGroup('second');
		expect((await run({ operation: 'delete', groupId: locator('name', 'First') })).items[0].json).toEqual({ id: first, deleted: true });
		expect((await run({ operation: 'delete', groupId: locator('list', second) })).items[0].json).toEqual({ id: second, deleted: true });
		expect(groups()).toHaveLength(0);
	});
});

describe('what the node offers', () => {
	const properties = new AtlassianUserProvisioning().description.properties;
	const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('group')) as INodeProperties;
	const options = operation.options as Array<{ name: string; value: string; description: string; action: string }>;

	test('no rename or update; Create says Atlassian cannot rename a group (where the name is chosen)', () => {
		expect(options.map((o) => o.value)).toEqual(['addMembers', 'create', 'delete', 'get', 'getAll', 'removeMembers']);
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort());
		expect(options.every((o) => o.action)).toBe(true);
		// The hint is on Create's Name field, where the name is chosen, not on every group operation.
		expect(operation.hint).toBeUndefined();
		const name = properties.find((p) => p.name === 'displayName' && p.displayOptions?.show?.resource?.includes('group') && p.displayOptions?.show?.operation?.includes('create'));
		expect(name?.hint).toMatch(/cannot rename a group/);
		expect(options.find((o) => o.value === 'create')!.description).toMatch(/cannot be changed/);
	});

	test('delete says the group also goes from the sites and members may lose product access', () => {
		expect(options.find((o) => o.value === 'delete')!.description).toMatch(/sites.*product access/);
		const notice = properties.find((p) => p.type === 'notice' && p.displayOptions?.show?.operation?.includes('delete') && p.displayOptions?.show?.resource?.includes('group'));
		expect(notice?.displayName).toMatch(/sites.*lose the product access/);
	});
});
