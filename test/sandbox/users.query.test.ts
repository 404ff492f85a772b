import { startSandbox, type Sandbox } from '../../sandbox';
import { CORE_USER, ENTERPRISE, ERROR, EXTERNAL, http, LIST, newUser, q, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 250 });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());

const names = (response: { json: any }) => response.json.Resources.map((u: any) => u.userName);

describe('filters', () => {
	test('userName eq matches case-insensitively, as a one-element ListResponse', async () => {
		const response = await api.get(`/Users?${q('userName eq "USER00005@EXAMPLE.COM"')}`);
		expect(response.json).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
		expect(names(response)).toEqual(['user00005@example.com']);
	});

	test('externalId eq is case-exact', async () => {
		expect((await api.get(`/Users?${q('externalId eq "ext-00007"')}`)).json.Resources[0].userName).toBe('user00007@example.com');
		expect((await api.get(`/Users?${q('externalId eq "EXT-00007"')}`)).json.totalResults).toBe(0);
	});

	test('attribute name and operator are case-insensitive; the core URN prefix is allowed', async () => {
		expect(names(await api.get(`/Users?${q('USERNAME EQ "user00003@example.com"')}`))).toEqual(['user00003@example.com']);
		expect(names(await api.get(`/Users?${q('externalid Eq "ext-00003"')}`))).toEqual(['user00003@example.com']);
		expect(names(await api.get(`/Users?${q(`${CORE_USER}:userName eq "user00003@example.com"`)}`))).toEqual(['user00003@example.com']);
	});

	test('no match is an empty list, not 404', async () => {
		const response = await api.get(`/Users?${q('userName eq "nobody@example.com"')}`);
		expect(response.status).toBe(200);
		expect(response.json).toEqual({ schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
	});

	test('escapes: \\" and \\\\ inside the value', async () => {
		const userName = 'quote"and\\backslash';
		expect((await api.post('/Users', newUser(userName, { emails: [{ value: 'escapes@example.com', primary: true }] }))).status).toBe(201);
		const response = await api.get(`/Users?${q('userName eq "quote\\"and\\\\backslash"')}`);
		expect(names(response)).toEqual([userName]);
	});

	test('an escaped injection string only ever matches that literal userName', async () => {
		const injection = 'userName eq "x\\" or userName pr \\""';
		expect((await api.get(`/Users?${q(injection)}`)).json.totalResults).toBe(0);
		await api.post('/Users', newUser('x" or userName pr "', { emails: [{ value: 'injection@example.com', primary: true }] }));
		expect(names(await api.get(`/Users?${q(injection)}`))).toEqual(['x" or userName pr "']);
		// the same text unescaped is not one comparison: refused, never widened
		expect((await api.get(`/Users?${q('userName eq "x" or userName pr ""')}`)).json.scimType).toBe('invalidFilter');
	});

	test.each([
		'title eq "Analyst"',
		'emails.value eq "user00001@example.com"',
		'id eq "x"',
		'userName co "user"',
		'userName sw "user"',
		'userName ne "user00001@example.com"',
		'userName pr',
		'userName eq "a" or userName pr',
		'userName eq "a" and externalId eq "b"',
		'not (userName eq "a")',
		'(userName eq "a")',
		'userName eq "user00001@example.com" trailing',
		'userName eq user00001@example.com',
		'userName eq "unterminated',
		'userName eq "bad \\x escape"',
		'userName eq',
		'eq "x"',
	])('%s → 400 invalidFilter', async (filter) => {
		const response = await api.get(`/Users?${q(filter)}`);
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidFilter' });
	});

	test('filter and paging together', async () => {
		const response = await api.get(`/Users?${q('userName eq "user00009@example.com"')}&startIndex=2`);
		expect(response.json).toMatchObject({ totalResults: 1, startIndex: 2, itemsPerPage: 0, Resources: [] });
	});
});

describe('paging', () => {
	test('default page is the cap (100), 1-based, in creation order', async () => {
		const response = await api.get('/Users');
		expect(response.json).toMatchObject({ schemas: [LIST], startIndex: 1, itemsPerPage: 100 });
		expect(response.json.totalResults).toBe(sandbox.store.users(sandbox.directoryId).length);
		expect(response.json.Resources[0].userName).toBe('user00001@example.com');
		expect(response.json.Resources[99].userName).toBe('user00100@example.com');
	});

	test('count is capped at 100; startIndex moves the window', async () => {
		expect((await api.get('/Users?count=500')).json.itemsPerPage).toBe(100);
		const second = await api.get('/Users?startIndex=101&count=10');
		expect(second.json).toMatchObject({ startIndex: 101, itemsPerPage: 10 });
		expect(names(second)).toEqual(Array.from({ length: 10 }, (_, n) => `user${String(101 + n).padStart(5, '0')}@example.com`));
	});

	test('count=0 gives no Resources but the total; startIndex < 1 is 1; past the end is empty', async () => {
		const zero = await api.get('/Users?count=0');
		expect(zero.json).toMatchObject({ itemsPerPage: 0, Resources: [] });
		expect(zero.json.totalResults).toBeGreaterThanOrEqual(250);
		expect((await api.get('/Users?startIndex=0&count=1')).json).toMatchObject({ startIndex: 1, Resources: [{ userName: 'user00001@example.com' }] });
		expect((await api.get('/Users?startIndex=-5&count=1')).json.startIndex).toBe(1);
		expect((await api.get('/Users?startIndex=100000')).json).toMatchObject({ itemsPerPage: 0, Resources: [] });
		expect((await api.get('/Users?count=-3')).json.itemsPerPage).toBe(0);
		expect((await api.get('/Users?count=abc&startIndex=xyz')).json).toMatchObject({ startIndex: 1, itemsPerPage: 100 });
	});

	test('following startIndex + itemsPerPage visits every user once, also after deletes and creates', async () => {
		const dir = sandbox.store.directory(sandbox.directoryId)!;
		const victims = sandbox.store.users(sandbox.directoryId).slice(10, 15).map((u) => u.id);
		for (const id of victims) expect((await api.delete(`/Users/${id}`)).status).toBe(204);
		const created = (await api.post('/Users', newUser('paging.newest@example.com'))).json;
		const seen: string[] = [];
		for (let start = 1; ; ) {
			const page = (await api.get(`/Users?startIndex=${start}&count=37`)).json;
			seen.push(...page.Resources.map((u: any) => u.id));
			if (!page.Resources.length || start + page.itemsPerPage > page.totalResults) break;
			start += page.itemsPerPage;
		}
		expect(seen).toEqual(dir.list().map((u) => u.id));
		expect(new Set(seen).size).toBe(seen.length);
		expect(seen).not.toEqual(expect.arrayContaining([victims[0]]));
		expect(seen[seen.length - 1]).toBe(created.id);
		expect(seen[10]).toBe(sandbox.store.users(sandbox.directoryId)[10].id);
	});

	test('the pageCap option', async () => {
		const small = await startSandbox({ seedUsers: 30, pageCap: 10 });
		try {
			const response = await http(small).get('/Users?count=25');
			expect(response.json).toMatchObject({ totalResults: 30, itemsPerPage: 10 });
			expect((await http(small).get('/ServiceProviderConfig')).json.filter).toEqual({ supported: true, maxResults: 10 });
		} finally {
			await small.close();
		}
	});
});

describe('attributes / excludedAttributes', () => {
	test('attributes with dotted sub-attributes; id and schemas always', async () => {
		const response = await api.get('/Users?count=1&attributes=userName,emails.value,name.givenName');
		expect(response.json.Resources[0]).toEqual({
			schemas: expect.any(Array),
			id: expect.any(String),
			userName: 'user00001@example.com',
			emails: [{ value: 'user00001@example.com' }],
			name: { givenName: expect.any(String) },
		});
	});

	test('URN-qualified: one extension attribute, a whole extension, a core-qualified attribute', async () => {
		const one = (await api.get(`/Users?count=1&attributes=${ENTERPRISE}:department`)).json.Resources[0];
		expect(one).toEqual({ schemas: expect.any(Array), id: expect.any(String), [ENTERPRISE]: { department: expect.any(String) } });
		const whole = (await api.get(`/Users?count=1&attributes=${EXTERNAL},${CORE_USER}:title`)).json.Resources[0];
		expect(Object.keys(whole).sort()).toEqual(['id', 'schemas', 'title', EXTERNAL].sort());
		expect(whole[EXTERNAL].atlassianAccountId).toMatch(/^[0-9a-f]{24}$/);
	});

	test('attribute names are case-insensitive', async () => {
		const response = (await api.get('/Users?count=1&attributes=USERNAME,Name.GivenName')).json.Resources[0];
		expect(response.userName).toBe('user00001@example.com');
		expect(response.name.givenName).toEqual(expect.any(String));
	});

	test('excludedAttributes drops plain, dotted and URN-qualified attributes, never id or schemas', async () => {
		const user = (await api.get(`/Users?count=1&excludedAttributes=title,emails.type,name.familyName,${ENTERPRISE}:department,id,schemas,groups`)).json.Resources[0];
		expect(user.title).toBeUndefined();
		expect(user.groups).toBeUndefined();
		expect(user.emails).toEqual([{ value: 'user00001@example.com', primary: true }]);
		expect(user.name.familyName).toBeUndefined();
		expect(user.name.givenName).toBeDefined();
		expect(user[ENTERPRISE]).toEqual({ organization: 'Sandbox Corp' });
		expect(user.id).toBeDefined();
		expect(user.schemas).toBeDefined();
		const whole = (await api.get(`/Users?count=1&excludedAttributes=${ENTERPRISE}`)).json.Resources[0];
		expect(whole[ENTERPRISE]).toBeUndefined();
		expect(whole.department).toBeDefined();
	});

	test('work on GET /Users/{id} too; both at once is 400 invalidValue', async () => {
		const id = sandbox.store.users(sandbox.directoryId)[0].id;
		expect(Object.keys((await api.get(`/Users/${id}?attributes=active`)).json).sort()).toEqual(['active', 'id', 'schemas']);
		const both = await api.get(`/Users/${id}?attributes=userName&excludedAttributes=title`);
		expect(both.status).toBe(400);
		expect(both.json).toMatchObject({ status: '400', scimType: 'invalidValue' });
		expect((await api.get('/Users?attributes=userName&excludedAttributes=title')).status).toBe(400);
	});
});

describe('GET /Users/{id}', () => {
	test('a seeded user with everything filled', async () => {
		const seeded = sandbox.store.users(sandbox.directoryId).find((u) => u.userName === 'user00021@example.com')!;
		const user = (await api.get(`/Users/${seeded.id}`)).json;
		expect(user).toMatchObject({
			id: seeded.id,
			userName: 'user00021@example.com',
			externalId: 'ext-00021',
			name: { givenName: expect.any(String), familyName: expect.any(String) },
			displayName: expect.stringMatching(/\w+ \w+/),
			title: expect.any(String),
			timezone: expect.any(String),
			active: false, // every 7th seeded user is deactivated
			groups: [],
			meta: { resourceType: 'User', location: `${sandbox.scimBaseUrl}/Users/${seeded.id}` },
		});
	});

	test('unknown id: 404 SCIM error', async () => {
		const response = await api.get('/Users/no-such-id');
		expect(response.status).toBe(404);
		expect(response.headers.get('content-type')).toBe('application/scim+json');
		expect(response.json).toEqual({ schemas: [ERROR], status: '404', detail: 'Resource [USER]: with id[no-such-id] not found.' });
	});

	test('unknown endpoints under the directory are 404', async () => {
		expect((await api.get('/Users/a/b')).status).toBe(404);
		expect((await api.get('/Bulk')).status).toBe(404);
		expect((await api.delete('/Users')).status).toBe(404);
	});
});
