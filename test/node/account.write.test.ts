import { startSandbox, type Sandbox } from '../../sandbox';
import { seedDemo } from '../../sandbox/demo';
import { seedOrgDemo } from '../../sandbox/org/seed';
import { runNode } from '../helpers/engine';
import { sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({ directories: [{ id: 'dir-a', key: 'key-a' }, { id: 'dir-b', key: 'key-b' }] });
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
});
afterEach(async () => await sandbox.close());

const all = { __rl: true, mode: 'list', value: '-', cachedResultName: 'All directories' };
const run = async (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) =>
	await runNode({ parameters: { resource: 'account', directory: all, ...parameters }, credentials: sandboxCredentials(sandbox), ...extra });
const idOf = (email: string) => sandbox.store.accountByAddress(email)!.accountId;
const orgOf = (email: string) => sandbox.org.get(idOf(email))!;

test('Suspend Access with a junk list: blanks, repeats, unknown IDs and emails, an email and the ID of the same account', async () => {
	const hedy = idOf('hedy.lamarr@example.com');
	const tim = idOf('tim.berners-lee@example.com');
	const list = `${hedy}\n\n  ${hedy}\nnobody@example.com, ffffffffffffffffffff0001\nTim.Berners-Lee@example.com;${tim}\n`;
	sandbox.requests.length = 0;
	const { items, error } = await run({ operation: 'suspend', accounts: list });
	expect(error).toBeUndefined();
	expect(items.map((i) => [i.json.accountId, i.json.email, i.json.outcome])).toEqual([
		[hedy, null, 'suspended'],
		[null, 'nobody@example.com', 'notFound'],
		['ffffffffffffffffffff0001', null, 'notFound'],
		[tim, 'Tim.Berners-Lee@example.com', 'suspended'],
		[tim, null, 'duplicate'],
	]);
	expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	expect(items[0].json.directories).toEqual([{ directoryId: 'dir-a', name: 'Directory 1', outcome: 'suspended' }]);
	expect(orgOf('hedy.lamarr@example.com').memberships.get('dir-a')).toBe('suspended');
	// Each suspend is sent once, with {} as JSON (a bodyless POST gets 415), never to the '-' directory.
	const suspends = sandbox.requests.filter((r) => r.path.endsWith('/suspend'));
	expect(suspends.map((r) => r.path).sort()).toEqual([`/admin/v2/orgs/org-sandbox-0001/directories/dir-a/users/${hedy}/suspend`, `/admin/v2/orgs/org-sandbox-0001/directories/dir-a/users/${tim}/suspend`].sort());
	for (const r of suspends) {
		expect(r.body).toBe('{}');
		expect(r.headers['content-type']).toBe('application/json');
	}
});

test('the sandbox answers a bodyless suspend with 415, as Atlassian does', async () => {
	const response = await fetch(`${sandbox.url}/admin/v2/orgs/${sandbox.orgId}/directories/dir-a/users/${idOf('hedy.lamarr@example.com')}/suspend`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${sandbox.orgKey}` },
	});
	expect(response.status).toBe(415);
	expect(((await response.json()) as { errors: Array<{ code: string }> }).errors[0].code).toBe('ADMIN-UAM-415-1');
});

test('with All directories, an account in two directories is suspended in each and restored in each; one directory acts there only', async () => {
	const org = orgOf('hedy.lamarr@example.com');
	org.memberships.set('dir-b', 'active');
	const suspended = await run({ operation: 'suspend', accounts: 'hedy.lamarr@example.com' });
	expect(suspended.items[0].json.directories).toEqual([
		{ directoryId: 'dir-a', name: 'Directory 1', outcome: 'suspended' },
		{ directoryId: 'dir-b', name: 'Directory 2', outcome: 'suspended' },
	]);
	expect([...org.memberships.values()]).toEqual(['suspended', 'suspended']);
	const restored = await run({ operation: 'restore', accounts: 'hedy.lamarr@example.com', directory: { __rl: true, mode: 'id', value: 'dir-b' } });
	expect(restored.items[0].json).toMatchObject({ outcome: 'restored', directories: [{ directoryId: 'dir-b', name: null, outcome: 'restored' }] });
	expect(org.memberships.get('dir-a')).toBe('suspended');
	expect(org.memberships.get('dir-b')).toBe('active');
});

test('Suspend Access works for an unmanaged account; Remove from Directory removes, then says notFound', async () => {
	const ken = await run({ operation: 'suspend', accounts: 'ken.thompson@partner.example.org' });
	expect(ken.items[0].json.outcome).toBe('suspended');
	const removed = await run({ operation: 'removeFromDirectory', accounts: 'tim.berners-lee@example.com' });
	expect(removed.items[0].json).toMatchObject({ outcome: 'removed', directories: [{ directoryId: 'dir-a', outcome: 'removed' }] });
	expect(orgOf('tim.berners-lee@example.com').memberships.size).toBe(0);
	const again = await run({ operation: 'removeFromDirectory', accounts: idOf('tim.berners-lee@example.com') });
	expect(again.items[0].json).toMatchObject({ outcome: 'notFound', message: 'The account is in no directory of the organization' });
	// A managed account removed from every directory is still found by search, as not invited.
	const found = await run({ operation: 'search', returnAll: true, filters: { emails: 'tim.berners-lee@example.com' } });
	expect(found.items[0].json.status).toBe('not_invited');
});

test('Deactivate with a message, Reactivate, Delete (14-day grace), Cancel Deletion', async () => {
	const id = idOf('hedy.lamarr@example.com');
	const deactivated = await run({ operation: 'deactivateAccount', accounts: id, message: 'Left the company' });
	expect(deactivated.items[0].json).toMatchObject({ accountId: id, outcome: 'deactivated' });
	expect(sandbox.store.accounts.get(id)!.active).toBe(false);
	expect(orgOf('hedy.lamarr@example.com').deactivationMessage).toBe('Left the company');
	const reactivated = await run({ operation: 'reactivateAccount', accounts: 'hedy.lamarr@example.com' });
	expect(reactivated.items[0].json.outcome).toBe('reactivated');
	expect(sandbox.store.accounts.get(id)!.active).toBe(true);
	const deleted = await run({ operation: 'deleteAccount', accounts: id });
	expect(deleted.items[0].json).toMatchObject({ outcome: 'deletionScheduled', message: expect.stringMatching(/14-day grace period/) });
	const pending = await run({ operation: 'search', returnAll: true, filters: { status: ['for_deletion'] } });
	expect(pending.items.map((i) => i.json.accountId)).toEqual([id]);
	// Reactivating during the grace period: the lifecycle API's error array says why.
	const early = await run({ operation: 'reactivateAccount', accounts: id });
	expect(early.error?.message).toMatch(/cancel the deletion first/);
	const cancelled = await run({ operation: 'cancelDeletion', accounts: id });
	expect(cancelled.items[0].json.outcome).toBe('deletionCancelled');
	expect(orgOf('hedy.lamarr@example.com').deletionRequestedAt).toBeNull();
	// Every lifecycle POST carried a JSON body.
	for (const r of sandbox.requests.filter((x) => x.path.includes('/lifecycle/'))) expect(r.headers['content-type']).toBe('application/json');
});

test('after the grace period the account is gone: not found', async () => {
	const id = idOf('hedy.lamarr@example.com');
	await run({ operation: 'deleteAccount', accounts: id });
	orgOf('hedy.lamarr@example.com').deletionRequestedAt = new Date(Date.now() - 15 * 86400_000).toISOString();
	const late = await run({ operation: 'cancelDeletion', accounts: id });
	expect(late.items[0].json.outcome).toBe('notFound');
});

test('a SCIM-synced account: Atlassian refuses, and the message says why (the reason in the error body)', async () => {
	const { error } = await run({ operation: 'deactivateAccount', accounts: 'ada.lovelace@example.com' });
	expect(error?.httpCode).toBe('403');
	expect(error?.message).toMatch(/synced from your identity provider \(SCIM\)/);
});

test('a Google-synced account: a bare "forbidden", explained from the account\'s management permissions', async () => {
	const { error } = await run({ operation: 'deleteAccount', accounts: 'frances.allen@example.com' });
	expect(error?.httpCode).toBe('403');
	expect(error?.message).toMatch(/synced from Google Workspace/);
	expect(sandbox.requests.some((r) => r.path.endsWith('/manage') && r.query.includes('privileges=lifecycle.delete'))).toBe(true);
});

test('unmanaged and unclaimed-domain accounts get their own messages; Continue On Fail reports each and goes on', async () => {
	const { items, error } = await run(
		{ operation: 'deactivateAccount', accounts: 'ken.thompson@partner.example.org\ndennis.ritchie@acquired.example.net\nhedy.lamarr@example.com' },
		{ continueOnFail: true },
	);
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.outcome)).toEqual(['failed', 'failed', 'deactivated']);
	expect(items[0].json.message).toMatch(/not a managed account of your organization \(403, forbidden.targetUnverified\)/);
	expect(items[1].json.message).toMatch(/domain "acquired.example.net" is not claimed/);
	expect(items[0].json.statusCode).toBe(403);
	// Without Continue On Fail the first refusal stops the node, naming the account.
	const stopped = await run({ operation: 'deactivateAccount', accounts: 'ken.thompson@partner.example.org' });
	expect(stopped.error?.message).toMatch(/account "ken.thompson@partner.example.org" is not a managed account/);
});

test('Update Profile sends only what differs and can report what changed', async () => {
	const { items } = await run({ operation: 'updateProfile', account: 'hedy.lamarr@example.com', updateFields: { jobTitle: 'Inventor', location: 'Vienna', nickname: 'Hedy' }, options: { output: 'changes' } });
	expect(items[0].json).toMatchObject({ changed: true, summary: 'Job Title: (empty) → Inventor\nLocation: (empty) → Vienna' });
	const patch = sandbox.requests.filter((r) => r.method === 'PATCH');
	expect(JSON.parse(patch[0].body)).toEqual({ extended_profile: { job_title: 'Inventor', location: 'Vienna' } });
	const again = await run({ operation: 'updateProfile', account: 'hedy.lamarr@example.com', updateFields: { jobTitle: 'Inventor' }, options: { output: 'changes' } });
	expect(again.items[0].json).toMatchObject({ changed: false, summary: 'No changes' });
	expect(sandbox.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
	const profile = await run({ operation: 'updateProfile', account: 'hedy.lamarr@example.com', updateFields: { timezone: 'Europe/Vienna' } });
	expect(profile.items[0].json.zoneinfo).toBe('Europe/Vienna');
});

test('Update Profile of a SCIM-synced account: the locked field is refused with the reason; bad values never leave n8n', async () => {
	const locked = await run({ operation: 'updateProfile', account: 'ada.lovelace@example.com', updateFields: { department: 'Maths' } });
	expect(locked.error?.message).toMatch(/synced from your identity provider \(SCIM\)/);
	const nickname = await run({ operation: 'updateProfile', account: 'ada.lovelace@example.com', updateFields: { nickname: 'Countess' } });
	expect(nickname.items[0].json.nickname).toBe('Countess');
	sandbox.requests.length = 0;
	const zone = await run({ operation: 'updateProfile', account: 'ada.lovelace@example.com', updateFields: { timezone: 'Vienna' } });
	expect(zone.error?.message).toMatch(/Timezone: "Vienna" is not an IANA time zone/);
	const long = await run({ operation: 'updateProfile', account: 'ada.lovelace@example.com', updateFields: { name: 'x'.repeat(101) } });
	expect(long.error?.message).toMatch(/at most 100/);
	expect(sandbox.requests).toHaveLength(0);
});

test('Revoke API Tokens: all of each account, or one by ID; an account without tokens says so', async () => {
	const { items } = await run({ operation: 'revokeApiTokens', accounts: 'barbara.liskov@example.com, tim.berners-lee@example.com', revokeWhich: 'all' });
	expect(items.map((i) => [i.json.outcome, i.json.count])).toEqual([
		['revoked', 2],
		['noTokens', 0],
	]);
	expect(orgOf('barbara.liskov@example.com').tokens).toEqual([]);
	const katherine = orgOf('katherine.johnson@example.com').tokens[0].id;
	const wrong = await run({ operation: 'revokeApiTokens', accounts: 'katherine.johnson@example.com', revokeWhich: 'one', revokeId: 'asp_nope' });
	expect(wrong.items[0].json.outcome).toBe('notFound');
	const one = await run({ operation: 'revokeApiTokens', accounts: 'katherine.johnson@example.com', revokeWhich: 'one', revokeId: katherine });
	expect(one.items[0].json).toMatchObject({ outcome: 'revoked', revoked: [{ id: katherine, label: 'Reporting script' }] });
});
