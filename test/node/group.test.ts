import { startSandbox, type Sandbox } from '../../sandbox';
import { runListSearch, runNode } from '../helpers/engine';
import { locator, sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 600 });
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.configure({ memberRemoveForms: 'both', groupMemberNotFound: 404 }));

const run = async (parameters: Record<string, unknown>, input?: Array<Record<string, unknown>>, continueOnFail = false) =>
	await runNode({ parameters: { resource: 'group', ...parameters }, input, credentials: sandboxCredentials(sandbox), continueOnFail });
const userNames = (from: number, to: number) => sandbox.store.users(sandbox.directoryId).slice(from, to).map((u) => u.userName);
const ids = (from: number, to: number) => sandbox.store.users(sandbox.directoryId).slice(from, to).map((u) => u.id);
const stored = (id: string) => sandbox.store.groups(sandbox.directoryId).find((g) => g.id === id)!;

test('create with initial members given as user names (resolved to IDs) and external ID', async () => {
	const { items, error } = await run({
		operation: 'create',
		displayName: 'engineering',
		additionalFields: { externalId: 'okta-eng', members: userNames(0, 3).join('\n') },
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ displayName: 'engineering', externalId: 'okta-eng' });
	expect([...stored(String(items[0].json.id)).members]).toEqual(ids(0, 3));
});

test('get by list, name and ID; Simplify gives id, name, member count and member names', async () => {
	const group = sandbox.store.groups(sandbox.directoryId).find((g) => g.displayName === 'engineering')!;
	for (const userId of [locator('list', group.id), locator('name', 'ENGINEERING'), locator('id', group.id)]) {
		const { items, error } = await run({ operation: 'get', groupId: userId, options: { simplify: true } });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: group.id, name: 'engineering', externalId: 'okta-eng', memberCount: 3, memberNames: userNames(0, 3) });
	}
	const missing = await run({ operation: 'get', groupId: locator('name', 'no-such-group') });
	expect(missing.error?.message).toMatch(/no group is named "no-such-group"/);
});

test('get many: limit, return all across pages, name filter; the picker lists and searches', async () => {
	for (let n = 0; n < 130; n++) sandbox.store.directory(sandbox.directoryId)!.groups.set(`g-${n}`, { id: `g-${n}`, displayName: `bulk-${String(n).padStart(3, '0')}`, members: new Set(), created: '2025-01-01T00:00:00Z', lastModified: '2025-01-01T00:00:00Z' });
	const limited = await run({ operation: 'getAll', returnAll: false, limit: 5 });
	expect(limited.items).toHaveLength(5);
	const all = await run({ operation: 'getAll', returnAll: true, options: { simplify: true } });
	expect(all.items.length).toBe(sandbox.store.groups(sandbox.directoryId).length);
	const filtered = await run({ operation: 'getAll', returnAll: true, filters: { displayName: 'Bulk-007' } });
	expect(filtered.items.map((i) => i.json.displayName)).toEqual(['bulk-007']);
	const picker = await runListSearch('searchGroups', sandboxCredentials(sandbox), 'bulk-12');
	expect(picker.results.map((r) => r.name)).toEqual(['bulk-120', 'bulk-121', 'bulk-122', 'bulk-123', 'bulk-124', 'bulk-125', 'bulk-126', 'bulk-127', 'bulk-128', 'bulk-129']);
});

test('add 500 members to one group: five chunks, the sandbox holds exactly those 500', async () => {
	const created = await run({ operation: 'create', displayName: 'five-hundred' });
	const groupId = String(created.items[0].json.id);
	sandbox.requests.length = 0;
	const { items, error } = await run({ operation: 'addMembers', groupId: locator('id', groupId), membersAre: 'id', members: ids(0, 500), options: { simplify: true } });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ id: groupId, memberCount: 500 });
	expect((items[0].json.added as string[]).length).toBe(500);
	expect([...stored(groupId).members]).toEqual(ids(0, 500));
	expect(sandbox.requests.filter((r) => r.method === 'PATCH')).toHaveLength(5);
});

test.each(['filter-path', 'value-array'] as const)('remove members when Atlassian accepts only the %s form', async (form) => {
	const created = await run({ operation: 'create', displayName: `remove-${form}`, additionalFields: { members: ids(0, 6).join(','), membersAre: 'id' } });
	const groupId = String(created.items[0].json.id);
	sandbox.configure({ memberRemoveForms: form });
	const { items, error } = await run(
		{ operation: 'removeMembers', groupId: locator('id', groupId), membersAre: 'userName', members: '={{ $json.who }}' },
		[{ who: userNames(0, 2) }, { who: userNames(2, 3) }],
	);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect([...stored(groupId).members]).toEqual(ids(3, 6));
	// The refused form is tried at most once per execution.
	const patches = sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(groupId));
	expect(patches.filter((r) => r.status === 400).length).toBeLessThanOrEqual(1);
});

test('409 on a duplicate name and on a site group name SCIM cannot list', async () => {
	const duplicate = await run({ operation: 'create', displayName: 'Engineering' });
	expect(duplicate.error?.httpCode).toBe('409');
	expect(duplicate.error?.message).toMatch(/already exists/);
	const reserved = await run({ operation: 'create', displayName: 'site-admins' });
	expect(reserved.error?.description).toMatch(/site or organization group/);
});

test.each([404, 400] as const)('an unknown member (Atlassian answering %s) is named in the error', async (status) => {
	sandbox.configure({ groupMemberNotFound: status });
	const group = sandbox.store.groups(sandbox.directoryId).find((g) => g.displayName === 'engineering')!;
	const { error } = await run({ operation: 'addMembers', groupId: locator('id', group.id), membersAre: 'id', members: `${ids(10, 11)[0]}, ghost-user-id` });
	expect(error?.httpCode).toBe(String(status));
	expect(error?.message).toContain('ghost-user-id');
	expect(error?.description).toMatch(/ghost-user-id/);
});

test('an unknown user name is refused before any change, naming it', async () => {
	const group = sandbox.store.groups(sandbox.directoryId).find((g) => g.displayName === 'engineering')!;
	const before = [...group.members];
	const { error } = await run({ operation: 'addMembers', groupId: locator('id', group.id), members: `${userNames(20, 21)[0]}\nnobody@example.com` });
	expect(error?.message).toBe('Members: no user has the user name "nobody@example.com"');
	expect([...stored(group.id).members]).toEqual(before);
});

test('Continue On Fail across items, then delete; get after delete is 404', async () => {
	const group = sandbox.store.groups(sandbox.directoryId).find((g) => g.displayName === 'engineering')!;
	const { items } = await run({ operation: 'get', groupId: locator('id', '={{ $json.id }}') }, [{ id: group.id }, { id: 'missing' }, { id: group.id }], true);
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(items.map((i) => Boolean(i.error))).toEqual([false, true, false]);
	const deleted = await run({ operation: 'delete', groupId: locator('id', group.id) });
	expect(deleted.items[0].json).toEqual({ id: group.id, deleted: true });
	const after = await run({ operation: 'get', groupId: locator('id', group.id) });
	expect(after.error?.httpCode).toBe('404');
});
