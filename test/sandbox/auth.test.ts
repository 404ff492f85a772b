import { startSandbox, type Sandbox } from '../../sandbox';
import { http } from './client';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 2, directories: [{ id: 'dir-a', key: 'key-a' }, { id: 'dir-b', key: 'key-b' }] });
});
afterAll(async () => await sandbox.close());

test('binds 127.0.0.1 only', () => {
	expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('the directory key works on its directory', async () => {
	expect((await http(sandbox).get('/Users')).status).toBe(200);
});

test.each([
	['missing', null],
	['unknown', 'not-a-key'],
])('a %s key is 401 in the gateway shape', async (_name, key) => {
	const response = await http(sandbox, key).get('/Users');
	expect(response.status).toBe(401);
	expect(response.json).toEqual({ error: 'Unauthorized', traceId: expect.any(String) });
});

test('a key without the Bearer prefix is 401', async () => {
	const response = await http(sandbox, '').call('GET', '/Users', undefined, { authorization: sandbox.directoryKey });
	expect(response.status).toBe(401);
});

test('the organization key on SCIM, or another directory\'s key, is 403', async () => {
	const org = await http(sandbox, sandbox.orgKey).get('/Users');
	expect(org.status).toBe(403);
	expect(org.json.error).toBe('Not authorized to access : scim/directory/dir-a/Users');
	const other = await http(sandbox, 'key-b').get('/Users');
	expect(other.status).toBe(403);
});

test('admin: the org key works; a directory key is 403; another org is 403; no key is 401', async () => {
	expect((await http(sandbox, sandbox.orgKey).get(`/admin/v1/orgs/${sandbox.orgId}`)).json.data.id).toBe(sandbox.orgId);
	expect((await http(sandbox, sandbox.orgKey).get('/admin/v1/orgs')).json.data).toHaveLength(1);
	expect((await http(sandbox, 'key-a').get(`/admin/v1/orgs/${sandbox.orgId}`)).status).toBe(403);
	const other = await http(sandbox, sandbox.orgKey).get('/admin/v1/orgs/org-other');
	expect(other.status).toBe(403);
	expect(other.json.error).toBe('Not authorized to access org org-other');
	expect((await http(sandbox, null).get(`/admin/v1/orgs/${sandbox.orgId}`)).status).toBe(401);
});
