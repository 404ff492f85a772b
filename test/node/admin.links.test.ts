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
	const got = await runNode({ parameters: { resource: 'user', operation: 'get', userId: locator('id', user.id), options: { simplify: true } }, credentials });
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
