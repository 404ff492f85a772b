import { startSandbox, type Sandbox } from '../../sandbox';
import { EXTERNAL, freshEmail, http, newUser, type Client } from './client';

let sandbox: Sandbox;
let admin: Client;
let dir1: Client;
let dir2: Client;
const org = () => `/admin/user-provisioning/v1/org/${sandbox.orgId}`;
beforeAll(async () => {
	sandbox = await startSandbox({
		seedUsers: 5,
		directories: [
			{ id: 'dir-1', key: 'key-1' },
			{ id: 'dir-2', key: 'key-2' },
		],
	});
	admin = http(sandbox, sandbox.orgKey);
	dir1 = http(sandbox, 'key-1');
	dir2 = http(sandbox, 'key-2', `${sandbox.url}/scim/directory/dir-2`);
});
afterAll(async () => await sandbox.close());

const accountIdOf = (user: any): string => user[EXTERNAL].atlassianAccountId;

/** The same person in both directories: two SCIM records linked to one account. */
async function twoRecords(email = freshEmail('twice')) {
	const a = (await dir1.post('/Users', newUser(email))).json;
	const b = (await dir2.post('/Users', newUser(email))).json;
	expect(accountIdOf(a)).toBe(accountIdOf(b));
	return { a, b, accountId: accountIdOf(a) };
}

describe('get-scim-links', () => {
	test('lists the records of an account in every directory', async () => {
		const { a, b, accountId } = await twoRecords();
		const response = await admin.get(`${org()}/user/${accountId}/get-scim-links`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(response.json).toEqual({
			scimLinks: [
				{ scimUserId: a.id, atlassianAccountId: accountId, orgId: sandbox.orgId, directoryId: 'dir-1' },
				{ scimUserId: b.id, atlassianAccountId: accountId, orgId: sandbox.orgId, directoryId: 'dir-2' },
			],
		});
	});

	test('an account without records gives an empty list', async () => {
		expect((await admin.get(`${org()}/user/${'0'.repeat(24)}/get-scim-links`)).json).toEqual({ scimLinks: [] });
	});
});

describe('get-scim-links-for-email', () => {
	test('finds records by primary email, case-insensitively, in any directory (several are possible)', async () => {
		const email = freshEmail('lookup');
		const { a, b } = await twoRecords(email);
		const response = await admin.post(`${org()}/get-scim-links-for-email`, { email: email.toUpperCase() });
		expect(response.status).toBe(200);
		expect(response.json.scimLinks.map((l: any) => [l.directoryId, l.scimUserId])).toEqual([
			['dir-1', a.id],
			['dir-2', b.id],
		]);
	});

	test('a secondary email does not count; an unknown email is an empty list', async () => {
		const secondary = freshEmail('secondary');
		await dir1.post('/Users', newUser(freshEmail('main'), { emails: [{ value: freshEmail('primary'), primary: true }, { value: secondary }] }));
		expect((await admin.post(`${org()}/get-scim-links-for-email`, { email: secondary })).json).toEqual({ scimLinks: [] });
		expect((await admin.post(`${org()}/get-scim-links-for-email`, { email: 'nobody@example.com' })).json).toEqual({ scimLinks: [] });
	});

	test('a missing email or a bad body is 400', async () => {
		for (const body of [{}, { email: '' }, { email: 42 }]) {
			const response = await admin.post(`${org()}/get-scim-links-for-email`, body);
			expect(response.status).toBe(400);
			expect(response.json.errors[0]).toMatchObject({ status: '400', code: 'BAD_REQUEST' });
		}
		const broken = await admin.post(`${org()}/get-scim-links-for-email`, '{"email":');
		expect(broken.status).toBe(400);
		expect(broken.json.errors[0]).toMatchObject({ status: '400', code: 'BAD_REQUEST' });
	});
});

describe('onlyDeleteUserInDB', () => {
	test('removes the records in all directories and their memberships; the account is untouched', async () => {
		const { a, b, accountId } = await twoRecords();
		const group = (await dir1.post('/Groups', { displayName: `g-${a.id}`, members: [{ value: a.id }] })).json;
		const before = { ...sandbox.store.accounts.get(accountId)! };
		const response = await admin.delete(`${org()}/user/${accountId}/onlyDeleteUserInDB`);
		expect(response.status).toBe(204);
		expect(response.text).toBe('');
		expect((await dir1.get(`/Users/${a.id}`)).status).toBe(404);
		expect((await dir2.get(`/Users/${b.id}`)).status).toBe(404);
		expect((await dir1.get(`/Groups/${group.id}`)).json.members).toEqual([]);
		expect(sandbox.store.accounts.get(accountId)).toEqual(before);
		expect((await admin.get(`${org()}/user/${accountId}/get-scim-links`)).json.scimLinks).toEqual([]);
		// a re-provision links the same account again
		expect(accountIdOf((await dir1.post('/Users', newUser(a.userName))).json)).toBe(accountId);
	});

	test('an account with no SCIM record is 404', async () => {
		const accountId = accountIdOf(sandbox.store.users('dir-1')[0]);
		expect((await admin.delete(`${org()}/user/${accountId}/onlyDeleteUserInDB`)).status).toBe(204);
		const again = await admin.delete(`${org()}/user/${accountId}/onlyDeleteUserInDB`);
		expect(again.status).toBe(404);
		expect(again.json).toEqual({ errors: [{ status: '404', code: 'NOT_FOUND', title: 'Not Found', detail: `No SCIM user found for account ${accountId}` }] });
	});

	test('an unmanaged account (domain not verified) is 400 and nothing is deleted', async () => {
		const user = (await dir1.post('/Users', newUser(freshEmail('guest', 'partner.example.org')))).json;
		const response = await admin.delete(`${org()}/user/${accountIdOf(user)}/onlyDeleteUserInDB`);
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ errors: [{ status: '400', code: 'BAD_REQUEST', title: 'Bad Request', detail: 'Only managed accounts can be deleted in the SCIM DB' }] });
		expect((await dir1.get(`/Users/${user.id}`)).status).toBe(200);
	});
});

describe('unlink', () => {
	test('the SCIM user stays, its account ID becomes null, it leaves its groups; the other directory is untouched', async () => {
		const { a, b, accountId } = await twoRecords();
		const group = (await dir1.post('/Groups', { displayName: `unlink-${a.id}`, members: [{ value: a.id }] })).json;
		const response = await admin.patch(`${org()}/scimDirectoryId/dir-1/scimUserId/${a.id}/unlink`);
		expect(response.status).toBe(204);
		const after = (await dir1.get(`/Users/${a.id}`)).json;
		expect(after[EXTERNAL]).toEqual({ atlassianAccountId: null });
		expect(after.groups).toEqual([]);
		expect((await dir1.get(`/Groups/${group.id}`)).json.members).toEqual([]);
		expect(accountIdOf((await dir2.get(`/Users/${b.id}`)).json)).toBe(accountId);
		expect((await admin.get(`${org()}/user/${accountId}/get-scim-links`)).json.scimLinks.map((l: any) => l.scimUserId)).toEqual([b.id]);
		const byEmail = await admin.post(`${org()}/get-scim-links-for-email`, { email: a.userName });
		expect(byEmail.json.scimLinks).toContainEqual({ scimUserId: a.id, atlassianAccountId: null, orgId: sandbox.orgId, directoryId: 'dir-1' });
	});

	test('an unknown SCIM user or directory is 404', async () => {
		expect((await admin.patch(`${org()}/scimDirectoryId/dir-1/scimUserId/nope/unlink`)).status).toBe(404);
		const user = sandbox.store.users('dir-1')[1];
		expect((await admin.patch(`${org()}/scimDirectoryId/dir-9/scimUserId/${user.id}/unlink`)).json.errors[0].code).toBe('NOT_FOUND');
	});
});

describe('routing and keys', () => {
	test('unknown admin routes are 404; admin paths need the org key', async () => {
		expect((await admin.get(`${org()}/whatever`)).status).toBe(404);
		expect((await admin.get('/admin/v2/orgs')).status).toBe(404);
		expect((await http(sandbox, 'key-1').get(`${org()}/user/x/get-scim-links`)).status).toBe(403);
	});

	test('another org ID is 403 on every provisioning path', async () => {
		const other = '/admin/user-provisioning/v1/org/other-org';
		expect((await admin.get(`${other}/user/x/get-scim-links`)).status).toBe(403);
		expect((await admin.delete(`${other}/user/x/onlyDeleteUserInDB`)).status).toBe(403);
		expect((await admin.post(`${other}/get-scim-links-for-email`, { email: 'a@example.com' })).status).toBe(403);
		expect((await admin.patch(`${other}/scimDirectoryId/dir-1/scimUserId/x/unlink`)).status).toBe(403);
	});
});
