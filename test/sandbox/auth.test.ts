import { startSandbox, type Sandbox } from '../../sandbox';
import { http } from './client';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({
		seedUsers: 2,
		orgId: 'org-1',
		orgKey: 'org-key-1',
		directories: [
			{ id: 'dir-a', key: 'key-a' },
			{ id: 'dir-b', key: 'key-b' },
		],
	});
});
afterAll(async () => await sandbox.close());

const gateway = (error: string) => ({ error, traceId: expect.stringMatching(/^[0-9a-f]{8,}$/) });

test('binds 127.0.0.1 only, and names the first directory as the SCIM base URL', () => {
	expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	expect(sandbox.scimBaseUrl).toBe(`${sandbox.url}/scim/directory/dir-a`);
	expect([sandbox.directoryId, sandbox.directoryKey, sandbox.orgId, sandbox.orgKey]).toEqual(['dir-a', 'key-a', 'org-1', 'org-key-1']);
});

test('the directory key works on its own directory', async () => {
	expect((await http(sandbox).get('/Users')).status).toBe(200);
	expect((await http(sandbox, 'key-b').call('GET', '/scim/directory/dir-b/Users')).status).toBe(200);
});

describe('401 in the gateway shape', () => {
	test.each([
		['no Authorization header', null, {}],
		['an unknown key', 'not-a-key', {}],
	])('%s', async (_name, key, headers) => {
		const response = await http(sandbox, key).get('/Users', headers);
		expect(response.status).toBe(401);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(response.json).toEqual(gateway('Unauthorized'));
	});

	test('a key without the Bearer prefix, or sent with Basic, is 401', async () => {
		expect((await http(sandbox, null).get('/Users', { authorization: 'key-a' })).status).toBe(401);
		expect((await http(sandbox, null).get('/Users', { authorization: `Basic ${Buffer.from('me@example.com:key-a').toString('base64')}` })).status).toBe(401);
		expect((await http(sandbox, null).get('/Users', { authorization: 'Bearer' })).status).toBe(401);
	});

	test('the scheme name is case-insensitive (RFC 7235)', async () => {
		expect((await http(sandbox, null).get('/Users', { authorization: 'bearer key-a' })).status).toBe(200);
	});

	test('auth comes before the body: a bad body without a key is 401, not 400', async () => {
		const response = await http(sandbox, null).post('/Users', '{not json');
		expect(response.status).toBe(401);
	});

	test('an unknown directory with no valid key is 401', async () => {
		expect((await http(sandbox, 'nope').call('GET', '/scim/directory/dir-zzz/Users')).status).toBe(401);
	});

	test('admin paths without a key are 401', async () => {
		expect((await http(sandbox, null).get('/admin/v1/orgs')).json).toEqual(gateway('Unauthorized'));
	});
});

describe('403: the other API\'s key', () => {
	test('the org key on a SCIM path', async () => {
		const response = await http(sandbox, 'org-key-1').get('/Users');
		expect(response.status).toBe(403);
		expect(response.json).toEqual(gateway('Not authorized to access : scim/directory/dir-a/Users'));
	});

	test('another directory\'s key, on any SCIM path of this directory', async () => {
		const list = await http(sandbox, 'key-b').get('/Users');
		expect(list.status).toBe(403);
		expect(list.json.error).toBe('Not authorized to access : scim/directory/dir-a/Users');
		expect((await http(sandbox, 'key-b').get('/Groups')).status).toBe(403);
		expect((await http(sandbox, 'key-b').post('/Users', {})).status).toBe(403);
	});

	test('a valid key on a directory that does not exist', async () => {
		const response = await http(sandbox, 'key-a').call('GET', '/scim/directory/dir-zzz/Users');
		expect(response.status).toBe(403);
		expect(response.json.error).toBe('Not authorized to access : scim/directory/dir-zzz/Users');
	});

	test('a directory key on an admin path', async () => {
		const response = await http(sandbox, 'key-a').get('/admin/v1/orgs/org-1');
		expect(response.status).toBe(403);
		expect(response.json).toEqual(gateway('Not authorized to access : admin/v1/orgs/org-1'));
		const provisioning = await http(sandbox, 'key-a').get('/admin/user-provisioning/v1/org/org-1/user/x/get-scim-links');
		expect(provisioning.json.error).toBe('Not authorized to access : admin/user-provisioning/v1/org/org-1/user/x/get-scim-links');
	});
});

describe('organizations', () => {
	test('GET /admin/v1/orgs lists the org the key belongs to', async () => {
		const response = await http(sandbox, 'org-key-1').get('/admin/v1/orgs');
		expect(response.status).toBe(200);
		expect(response.json).toEqual({ data: [expect.objectContaining({ id: 'org-1', type: 'orgs', attributes: { name: 'Sandbox Org' } })], links: {} });
	});

	test('GET /admin/v1/orgs/{orgId}: the own org, or 403 for another org', async () => {
		expect((await http(sandbox, 'org-key-1').get('/admin/v1/orgs/org-1')).json.data).toMatchObject({ id: 'org-1', type: 'orgs' });
		const other = await http(sandbox, 'org-key-1').get('/admin/v1/orgs/org-2');
		expect(other.status).toBe(403);
		expect(other.json).toEqual(gateway('Not authorized to access org org-2'));
	});

	test('a valid org key with another org ID on the provisioning API is 403', async () => {
		const response = await http(sandbox, 'org-key-1').get('/admin/user-provisioning/v1/org/org-2/user/x/get-scim-links');
		expect(response.status).toBe(403);
		expect(response.json.error).toBe('Not authorized to access org org-2');
	});
});

test('trace IDs differ between answers', async () => {
	const a = await http(sandbox, null).get('/Users');
	const b = await http(sandbox, null).get('/Users');
	expect(a.json.traceId).not.toBe(b.json.traceId);
});

test('unknown top-level paths are 404', async () => {
	expect((await http(sandbox).get('/')).status).toBe(404);
});
