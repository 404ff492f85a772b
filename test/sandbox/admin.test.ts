import { startSandbox, type Sandbox } from '../../sandbox';
import { EXTERNAL, http, newUser } from './client';

let sandbox: Sandbox;
let admin: ReturnType<typeof http>;
const org = () => `/admin/user-provisioning/v1/org/${sandbox.orgId}`;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 5, directories: [{ id: 'dir-1', key: 'key-1' }, { id: 'dir-2', key: 'key-2' }] });
	admin = http(sandbox, sandbox.orgKey);
});
afterAll(async () => await sandbox.close());

test('get-scim-links and get-scim-links-for-email find the records in every directory', async () => {
	const inDir2 = await fetch(`${sandbox.url}/scim/directory/dir-2/Users`, {
		method: 'POST',
		headers: { authorization: 'Bearer key-2', 'content-type': 'application/scim+json' },
		body: JSON.stringify(newUser('user00001@example.com')),
	}).then(async (r) => (await r.json()) as any);
	const accountId = inDir2[EXTERNAL].atlassianAccountId;
	const links = await admin.get(`${org()}/user/${accountId}/get-scim-links`);
	expect(links.json.scimLinks).toEqual([
		{ scimUserId: sandbox.store.users('dir-1')[0].id, atlassianAccountId: accountId, orgId: sandbox.orgId, directoryId: 'dir-1' },
		{ scimUserId: inDir2.id, atlassianAccountId: accountId, orgId: sandbox.orgId, directoryId: 'dir-2' },
	]);
	const byEmail = await admin.post(`${org()}/get-scim-links-for-email`, { email: 'USER00001@example.com' });
	expect(byEmail.json.scimLinks).toHaveLength(2);
	expect((await admin.post(`${org()}/get-scim-links-for-email`, {})).status).toBe(400);
	expect((await admin.get(`${org()}/user/unknown/get-scim-links`)).json).toEqual({ scimLinks: [] });
});

test('onlyDeleteUserInDB removes the records in all directories; 404 after; the account stays', async () => {
	const accountId = sandbox.store.users('dir-1')[0][EXTERNAL].atlassianAccountId;
	expect((await admin.delete(`${org()}/user/${accountId}/onlyDeleteUserInDB`)).status).toBe(204);
	expect(sandbox.store.users('dir-1').some((u) => u[EXTERNAL].atlassianAccountId === accountId)).toBe(false);
	expect(sandbox.store.users('dir-2')).toHaveLength(0);
	expect(sandbox.store.accounts.has(accountId)).toBe(true);
	const again = await admin.delete(`${org()}/user/${accountId}/onlyDeleteUserInDB`);
	expect(again.status).toBe(404);
	expect(again.json.errors[0].detail).toContain(accountId);
});

test('onlyDeleteUserInDB refuses unmanaged accounts (email domain not verified)', async () => {
	const user = await fetch(`${sandbox.scimBaseUrl}/Users`, {
		method: 'POST',
		headers: { authorization: 'Bearer key-1', 'content-type': 'application/scim+json' },
		body: JSON.stringify(newUser('guest@partner.example.org')),
	}).then(async (r) => (await r.json()) as any);
	const response = await admin.delete(`${org()}/user/${user[EXTERNAL].atlassianAccountId}/onlyDeleteUserInDB`);
	expect(response.status).toBe(400);
	expect(sandbox.store.users('dir-1').some((u) => u.id === user.id)).toBe(true);
});

test('unlink keeps the SCIM user but drops its account link; unknown is 404', async () => {
	const user = sandbox.store.users('dir-1')[1];
	expect((await admin.patch(`${org()}/scimDirectoryId/dir-1/scimUserId/${user.id}/unlink`)).status).toBe(204);
	expect(sandbox.store.users('dir-1').find((u) => u.id === user.id)![EXTERNAL]).toEqual({ atlassianAccountId: null });
	expect((await admin.patch(`${org()}/scimDirectoryId/dir-1/scimUserId/nope/unlink`)).status).toBe(404);
});

test('admin paths for another org are 403', async () => {
	expect((await admin.get('/admin/user-provisioning/v1/org/other-org/user/x/get-scim-links')).status).toBe(403);
});
