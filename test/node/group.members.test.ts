// Add Members and Remove Members through n8n-core's real engine against the sandbox: chunking, user name
// resolution, the summary output, and the removal form learned once per execution.
import { startSandbox, type LoggedRequest, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 600 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset({ seedUsers: 600 });
	sandbox.configure({ memberRemoveForms: 'both', groupMemberNotFound: 404, latencyMs: 0 });
	sandbox.requests.length = 0;
	sandbox.resetStats();
});

const run = async (parameters: Record<string, unknown>, input?: Array<Record<string, unknown>>, continueOnFail = false) =>
	await runNode({ parameters: { resource: 'group', ...parameters }, input, credentials: sandboxCredentials(sandbox), continueOnFail });
const users = () => sandbox.store.users(sandbox.directoryId);
const userNames = (from: number, to: number) => users().slice(from, to).map((u) => u.userName);
const ids = (from: number, to: number) => users().slice(from, to).map((u) => u.id);
const members = (id: string) => [...sandbox.store.groups(sandbox.directoryId).find((g) => g.id === id)!.members];
const patches = (id: string) => sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/Groups/${id}`));
const operationsOf = (r: LoggedRequest) => JSON.parse(r.body).Operations as Array<{ op: string; path: string; value?: Array<{ value: string }> }>;

async function createGroup(displayName: string, memberIds: string[] = []): Promise<string> {
	const { items, error } = await run({ operation: 'create', displayName, additionalFields: memberIds.length ? { members: memberIds, membersAre: 'id' } : {} });
	expect(error).toBeUndefined();
	sandbox.requests.length = 0;
	return String(items[0].json.id);
}

describe('add members', () => {
	test('500 members to one group: five PATCHes of 100, the group holds exactly those 500 in order; a summary comes out', async () => {
		const id = await createGroup('five-hundred');
		const { items, error } = await run({ operation: 'addMembers', groupId: locator('id', id), membersAre: 'id', members: ids(0, 500) });
		expect(error).toBeUndefined();
		expect(items).toEqual([{ json: { id, name: 'five-hundred', added: ids(0, 500), memberCount: 500 }, pairedItem: { item: 0 } }]);
		expect(members(id)).toEqual(ids(0, 500));
		const sent = patches(id).map(operationsOf);
		expect(sent.map((ops) => ops.map((o) => `${o.op} ${o.path}`))).toEqual(Array(5).fill(['add members']));
		expect(sent.flatMap((ops) => ops[0].value!.map((v) => v.value))).toEqual(ids(0, 500));
	});

	test('user names: looked up concurrently, kept in the given order, a name given twice (any case) sent once', async () => {
		const id = await createGroup('by-name');
		sandbox.configure({ latencyMs: 20 });
		const given = [...userNames(25, 40), ...userNames(10, 25), userNames(12, 13)[0].toUpperCase()];
		const { items, error } = await run({ operation: 'addMembers', groupId: locator('name', 'by-name'), members: given.join('\n') });
		expect(error).toBeUndefined();
		expect(sandbox.stats().maxInFlight).toBeGreaterThan(4);
		expect(members(id)).toEqual([...ids(25, 40), ...ids(10, 25)]);
		expect(items[0].json).toEqual({ id, name: 'by-name', added: given.slice(0, 30), memberCount: 30 });
		expect(sandbox.requests.filter((r) => r.path.endsWith('/Users'))).toHaveLength(31);
	});

	test('user names from an expression list, per item; adding an existing member keeps it once', async () => {
		const id = await createGroup('twice', ids(0, 2));
		const { items, error } = await run(
			{ operation: 'addMembers', groupId: locator('id', id), members: '={{ $json.who }}' },
			[{ who: userNames(1, 3) }, { who: [userNames(3, 4)[0]] }],
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.added)).toEqual([userNames(1, 3), userNames(3, 4)]);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(members(id).sort()).toEqual(ids(0, 4).sort());
	});

	test('Return Full Group: the group as Atlassian answers after the change', async () => {
		const id = await createGroup('full');
		const { items } = await run({ operation: 'addMembers', groupId: locator('list', id), membersAre: 'id', members: ids(0, 2).join(','), options: { returnGroup: true } });
		expect(items[0].json).toMatchObject({ id, displayName: 'full', members: ids(0, 2).map((value) => expect.objectContaining({ value })) });
		expect(items[0].json.added).toBeUndefined();
	});
});

describe('remove members', () => {
	test('Atlassian accepting both forms: the filter path (seen in production) is used, one operation per member', async () => {
		const id = await createGroup('both', ids(0, 5));
		const { items, error } = await run({ operation: 'removeMembers', groupId: locator('id', id), membersAre: 'id', members: ids(1, 3) });
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id, name: 'both', removed: ids(1, 3), memberCount: 3 });
		expect(members(id)).toEqual([...ids(0, 1), ...ids(3, 5)]);
		expect(patches(id).map(operationsOf)).toEqual([ids(1, 3).map((m) => ({ op: 'remove', path: `members[value eq "${m}"]` }))]);
	});

	test.each([
		['filter-path', 0],
		['value-array', 1],
	] as const)('Atlassian accepting only the %s form: every member removed; the refused form is sent %i time(s) per execution, in every execution', async (form, refusals) => {
		const id = await createGroup(`only-${form}`, ids(0, 400));
		sandbox.configure({ memberRemoveForms: form });
		for (const [execution, slices] of [
			[1, [[0, 150], [150, 160], [160, 170]]],
			[2, [[170, 290], [290, 300]]],
		] as const) {
			sandbox.requests.length = 0;
			const input = slices.map(([from, to]) => ({ who: userNames(from, to) }));
			const { items, error } = await run({ operation: 'removeMembers', groupId: locator('id', id), members: '={{ $json.who }}' }, input);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.removed)).toEqual(input.map((i) => i.who));
			const refused = patches(id).filter((r) => r.status === 400);
			expect(`execution ${execution}: ${refused.length} refused`).toBe(`execution ${execution}: ${refusals} refused`);
			const accepted = patches(id).filter((r) => r.status === 200).map(operationsOf);
			expect(accepted.every((ops) => (form === 'filter-path' ? ops.every((o) => o.path.startsWith('members[')) : ops.length === 1 && ops[0].path === 'members'))).toBe(true);
			// Chunks of at most 100 members: 150 members are two PATCHes.
			expect(accepted.every((ops) => (form === 'filter-path' ? ops.length : ops[0].value!.length) <= 100)).toBe(true);
		}
		expect(members(id)).toEqual(ids(300, 400));
	});

	test('removing someone who is not a member changes nothing else', async () => {
		const id = await createGroup('keep', ids(0, 3));
		const { error } = await run({ operation: 'removeMembers', groupId: locator('id', id), members: userNames(10, 11) });
		expect(error).toBeUndefined();
		expect(members(id)).toEqual(ids(0, 3));
	});
});

describe('several items, one bad one', () => {
	test('Continue On Fail: every item has its output or its error, in order, with pairedItem; the good ones are applied', async () => {
		const id = await createGroup('mixed');
		const input = [{ who: userNames(0, 2) }, { who: ['nobody@example.com'] }, { who: userNames(2, 3) }, { who: userNames(3, 5) }];
		const { items, error } = await run({ operation: 'addMembers', groupId: locator('id', id), members: '={{ $json.who }}' }, input, true);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(items.map((i) => i.json.added ?? null)).toEqual([userNames(0, 2), null, userNames(2, 3), userNames(3, 5)]);
		expect(items[1].json.error).toBe('Members: no user has the user name "nobody@example.com"');
		expect(items[1].error?.description).toMatch(/^Item 2, field "Members"/);
		expect(members(id).sort()).toEqual(ids(0, 5).sort());
	});

	test('without Continue On Fail: the node fails naming the item', async () => {
		const id = await createGroup('strict');
		const input = [{ who: userNames(0, 1) }, { who: ['ghost@example.com'] }];
		const { error } = await run({ operation: 'removeMembers', groupId: locator('id', id), members: '={{ $json.who }}' }, input);
		expect(error?.message).toBe('Members: no user has the user name "ghost@example.com"');
		expect(error?.context?.itemIndex).toBe(1);
	});
});
