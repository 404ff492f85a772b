import { startSandbox, type Sandbox } from '../../sandbox';
import { runNode } from '../helpers/engine';
import { locator, sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 5 });
});
afterAll(async () => await sandbox.close());

test('Get (Simplify) → Get SCIM Links by account ID and by email → Unlink', async () => {
	const credentials = sandboxCredentials(sandbox);
	const user = sandbox.store.users(sandbox.directoryId)[0];
	const got = await runNode({ parameters: { resource: 'user', operation: 'get', userId: locator('id', user.id), simplify: true }, credentials });
	const accountId = String(got.items[0].json.atlassianAccountId);
	expect(accountId).toMatch(/^[0-9a-f]{24}$/);

	const byAccount = await runNode({ parameters: { resource: 'user', operation: 'getScimLinks', findBy: 'accountId', accountId }, credentials });
	expect(byAccount.error).toBeUndefined();
	expect(byAccount.items[0].json).toEqual({
		accountId,
		count: 1,
		scimLinks: [{ scimUserId: user.id, atlassianAccountId: accountId, orgId: sandbox.orgId, directoryId: sandbox.directoryId }],
	});

	const byEmail = await runNode({ parameters: { resource: 'user', operation: 'getScimLinks', findBy: 'email', email: String(got.items[0].json.primaryEmail) }, credentials });
	expect(byEmail.items[0].json).toMatchObject({ count: 1, scimLinks: [{ scimUserId: user.id }] });

	const unlinked = await runNode({ parameters: { resource: 'user', operation: 'unlink', directoryId: sandbox.directoryId, scimUserId: user.id }, credentials });
	expect(unlinked.items[0].json).toEqual({ directoryId: sandbox.directoryId, scimUserId: user.id, unlinked: true });
	const after = await runNode({ parameters: { resource: 'user', operation: 'getScimLinks', findBy: 'accountId', accountId }, credentials });
	expect(after.items[0].json.count).toBe(0);
	// The SCIM user is still there.
	const still = await runNode({ parameters: { resource: 'user', operation: 'get', userId: locator('id', user.id) }, credentials });
	expect(still.error).toBeUndefined();
});

test('unlink of an unknown SCIM user is a clear 404', async () => {
	const { error } = await runNode({ parameters: { resource: 'user', operation: 'unlink', directoryId: sandbox.directoryId, scimUserId: 'nobody' }, credentials: sandboxCredentials(sandbox) });
	expect(error?.httpCode).toBe('404');
	expect(error?.message).toContain('nobody');
});

test('Get SCIM Links, One Item per Link: each link is an item that Unlink takes as it is', async () => {
	const credentials = sandboxCredentials(sandbox);
	// The same email in two directories is not possible in a one-directory sandbox: two lookups, one link each, and
	// an account without links that gives no item.
	const users = sandbox.store.users(sandbox.directoryId).slice(2, 4);
	const accountIds = users.map((u) => String(u['urn:scim:schemas:extension:atlassian-external:1.0'].atlassianAccountId));
	const input = [...accountIds.map((accountId) => ({ accountId })), { accountId: '000000000000000000000000' }];
	const links = await runNode({ parameters: { resource: 'user', operation: 'getScimLinks', findBy: 'accountId', accountId: '={{ $json.accountId }}', options: { output: 'link' } }, input, credentials });
	expect(links.error).toBeUndefined();
	expect(links.items.map((i) => i.json)).toEqual(
		users.map((u, n) => ({ accountId: accountIds[n], scimUserId: u.id, atlassianAccountId: accountIds[n], orgId: sandbox.orgId, directoryId: sandbox.directoryId })),
	);
	expect(links.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	const unlinked = await runNode({
		parameters: { resource: 'user', operation: 'unlink', directoryId: '={{ $json.directoryId }}', scimUserId: '={{ $json.scimUserId }}' },
		input: links.items.map((i) => i.json),
		credentials,
	});
	expect(unlinked.items.map((i) => i.json.unlinked)).toEqual([true, true]);

	const byEmail = await runNode({ parameters: { resource: 'user', operation: 'getScimLinks', findBy: 'email', email: String(users[0].userName), options: { output: 'link' } }, credentials });
	expect(byEmail.items.map((i) => i.json)).toEqual([{ email: users[0].userName, scimUserId: users[0].id, atlassianAccountId: null, orgId: sandbox.orgId, directoryId: sandbox.directoryId }]);
});
