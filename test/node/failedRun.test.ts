// A run without Continue On Fail has no output when an item fails. Two promises make that safe: every item's
// parameters are checked before the first request (a bad one sends nothing), and a request that fails stops new
// items while the error lists what the items already written changed. With Continue On Fail the output is as before.
import { startSandbox, type Sandbox } from '../../sandbox';
import { seedDemo } from '../../sandbox/demo';
import { seedOrgDemo } from '../../sandbox/org/seed';
import { runNode, type RunResult } from '../helpers/engine';
import { sandboxCredentials } from '../helpers/credentials';
import { saved } from '../helpers/editor';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({});
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
});
afterEach(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>, input: Array<Record<string, unknown>>, continueOnFail = false): Promise<RunResult> =>
	await runNode({ parameters: saved(parameters), input, credentials: sandboxCredentials(sandbox), continueOnFail });
const dir = () => sandbox.store.directory(sandbox.directoryId)!;
const userId = (userName: string) => dir().idByUserName(userName)!;
const byId = { __rl: true, mode: 'id', value: '={{ $json.id }}' };
const ADA = 'ada.lovelace@example.com';
const GRACE = 'grace.hopper@example.com';
const KATHERINE = 'katherine.johnson@example.com';

describe('user', () => {
	test('Deactivate, 3 items, the middle ID with a space (404): the error lists the two users deactivated', async () => {
		const { error, items } = await run({ resource: 'user', operation: 'deactivate', userId: byId }, [
			{ id: userId(ADA) },
			{ id: `${userId(GRACE)} x` },
			{ id: userId(KATHERINE) },
		]);
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/not found|404/i);
		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.description).toContain(`2 items were written before this error: ${ADA} deactivated, ${KATHERINE} deactivated.`);
		expect(dir().users.get(userId(ADA))!.active).toBe(false);
		expect(dir().users.get(userId(KATHERINE))!.active).toBe(false);
	});

	test('with Continue On Fail the same run gives every item, the failed one as an error item, and lists nothing', async () => {
		const { error, items } = await run(
			{ resource: 'user', operation: 'deactivate', userId: byId },
			[{ id: userId(ADA) }, { id: `${userId(GRACE)} x` }, { id: userId(KATHERINE) }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items.map((i) => i.json.active ?? i.json.error)).toEqual([false, expect.stringMatching(/not found|404/i), false]);
		expect(items[1].error?.description ?? '').not.toContain('written before this error');
	});

	test('Update, 2 items, one Title from an expression that is an object: nothing is sent', async () => {
		const before = sandbox.requests.length;
		const { error, items } = await run(
			{ resource: 'user', operation: 'update', userId: byId, updateFields: { title: '={{ $json.title }}' } },
			[{ id: userId(ADA), title: 'Countess' }, { id: userId(GRACE), title: { text: 'Admiral' } }],
		);
		expect(items).toHaveLength(0);
		expect(error?.message).toBe('Title: expected text, got object');
		expect(error?.context?.itemIndex).toBe(1);
		expect(sandbox.requests.length - before).toBe(0);
		expect(dir().users.get(userId(ADA))!.title).toBe('Analyst');
	});

	test('with Continue On Fail a bad item is an error item and the others run', async () => {
		const { error, items } = await run(
			{ resource: 'user', operation: 'update', userId: byId, updateFields: { title: '={{ $json.title }}' } },
			[{ id: userId(ADA), title: { text: 'Countess' } }, { id: userId(GRACE), title: 'Admiral' }],
			true,
		);
		expect(error).toBeUndefined();
		expect(items[0].json.error).toBe('Title: expected text, got object');
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[1].json.title).toBe('Admiral');
	});

	test('a write that fails lists what the update changed, named by field', async () => {
		const { error } = await run({ resource: 'user', operation: 'update', userId: byId, updateFields: { title: '={{ $json.title }}' } }, [
			{ id: userId(ADA), title: 'Countess' },
			{ id: 'no-such-user', title: 'Admiral' },
		]);
		expect(error?.description).toContain(`1 item was written before this error: ${ADA} updated (Title).`);
	});
});

describe('group', () => {
	const groupId = (name: string) => dir().groupIdByName(name)!;

	test('Delete, 3 items, the middle ID with a space (404): the error lists the groups deleted', async () => {
		const third = dir().addGroup({ id: 'g-third', displayName: 'third', members: new Set(), created: '2025-06-01T00:00:00Z', lastModified: '2025-06-01T00:00:00Z' });
		const { error, items } = await run({ resource: 'group', operation: 'delete', groupId: byId }, [
			{ id: groupId('engineering') },
			{ id: `${groupId('research')} x` },
			{ id: third.id },
		]);
		expect(items).toHaveLength(0);
		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.description).toContain('2 items were written before this error: group "');
		expect(error?.description).toContain(' deleted, group "g-third" deleted.');
		expect(dir().groupIdByName('engineering')).toBeUndefined();
	});

	test('Add Members, 2 items, one member list from an expression that holds an object: nothing is sent', async () => {
		const before = sandbox.requests.length;
		const { error, items } = await run(
			{ resource: 'group', operation: 'addMembers', groupId: { __rl: true, mode: 'name', value: 'research' }, members: '={{ $json.members }}' },
			[{ members: [GRACE] }, { members: [{ email: ADA }] }],
		);
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/^Members: expected text entries, got object/);
		expect(sandbox.requests.length - before).toBe(0);
	});

	test('Add Members fails on an unknown group after another item added members: the error says so', async () => {
		const { error } = await run({ resource: 'group', operation: 'addMembers', groupId: { __rl: true, mode: 'name', value: '={{ $json.group }}' }, members: GRACE }, [
			{ group: 'research' },
			{ group: 'no-such-group' },
		]);
		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.description).toContain('1 item was written before this error: group "research" had 1 member added.');
	});
});

describe('account', () => {
	const accountId = (email: string) => sandbox.store.accountByAddress(email)!.accountId;

	test('Update Profile, 3 items, the middle account unknown (404): the error lists the profiles updated', async () => {
		const { error, items } = await run({ resource: 'account', operation: 'updateProfile', account: '={{ $json.account }}', updateFields: { location: 'Remote' } }, [
			{ account: ADA },
			{ account: 'ffffffffffffffffffff0001' },
			{ account: KATHERINE },
		]);
		expect(items).toHaveLength(0);
		expect(error?.context?.itemIndex).toBe(1);
		expect(error?.description).toContain(`2 items were written before this error: ${ADA} profile updated (Location), ${KATHERINE} profile updated (Location).`);
		expect(sandbox.org.get(accountId(ADA))!.location).toBe('Remote');
	});

	test('Deactivate Account, 2 items, one Message from an expression that is an object: nothing is sent', async () => {
		const before = sandbox.requests.length;
		const { error, items } = await run({ resource: 'account', operation: 'deactivateAccount', accounts: '={{ $json.account }}', message: '={{ $json.message }}' }, [
			{ account: ADA, message: 'Left' },
			{ account: GRACE, message: { text: 'Left' } },
		]);
		expect(items).toHaveLength(0);
		expect(error?.message).toBe('Message: expected text, got object');
		expect(sandbox.requests.length - before).toBe(0);
	});
});
