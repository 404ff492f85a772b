import { startSandbox, type Sandbox } from '../../sandbox';
import { ENTERPRISE, EXTERNAL, http, newUser, PATCH } from './client';

let sandbox: Sandbox;
let api: ReturnType<typeof http>;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 250 });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());

describe('create', () => {
	test('201 with id, meta, groups and the atlassian-external account ID; department from the enterprise extension', async () => {
		const response = await api.post('/Users', newUser('new.person@example.com', { title: 'T', [ENTERPRISE]: { department: 'D', organization: 'O' } }));
		expect(response.status).toBe(201);
		expect(response.json).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			userName: 'new.person@example.com',
			active: true,
			groups: [],
			meta: { resourceType: 'User', location: expect.stringContaining('/Users/') },
			[EXTERNAL]: { atlassianAccountId: expect.stringMatching(/^[0-9a-f]{24}$/) },
			[ENTERPRISE]: { department: 'D', organization: 'O' },
			department: 'D',
		});
		expect(response.json.schemas).toContain(EXTERNAL);
	});

	test('userName and an emails array with exactly one primary are required', async () => {
		expect((await api.post('/Users', { emails: [{ value: 'a@example.com', primary: true }] })).status).toBe(400);
		const single = await api.post('/Users', { userName: 'x@example.com', emails: { value: 'x@example.com', primary: true } });
		expect(single.status).toBe(400);
		expect(single.json).toMatchObject({ status: '400', scimType: 'invalidValue', detail: 'one email address has to be marked as the primary' });
		expect((await api.post('/Users', { userName: 'y@example.com', emails: [{ value: 'y@example.com' }] })).status).toBe(400);
		expect((await api.post('/Users', '{"userName":')).json.scimType).toBe('invalidSyntax');
	});

	test('409 uniqueness on a taken userName (any case) or email', async () => {
		const byName = await api.post('/Users', newUser('USER00001@example.com'));
		expect(byName.status).toBe(409);
		expect(byName.json).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'Resource [USER]: with userName[USER00001@example.com] already exists.' });
		const byEmail = await api.post('/Users', { userName: 'other', emails: [{ value: 'user00002@example.com', primary: true }] });
		expect(byEmail.json.detail).toBe('Resource [USER]: with email[user00002@example.com] already exists.');
	});

	test('a create whose email has an Atlassian account links to it (same account ID)', async () => {
		const first = await api.post('/Users', newUser('link.me@example.com'));
		await api.delete(`/Users/${first.json.id}`);
		const again = await api.post('/Users', newUser('link.me@example.com'));
		expect(again.json[EXTERNAL].atlassianAccountId).toBe(first.json[EXTERNAL].atlassianAccountId);
		expect(again.json.id).not.toBe(first.json.id);
	});

	test('a timezone that is not IANA is silently ignored', async () => {
		const response = await api.post('/Users', newUser('tz@example.com', { timezone: 'Sydney' }));
		expect(response.status).toBe(201);
		expect(response.json.timezone).toBeUndefined();
		const ok = await api.post('/Users', newUser('tz2@example.com', { timezone: 'Australia/Sydney' }));
		expect(ok.json.timezone).toBe('Australia/Sydney');
	});
});

describe('list, filter, paging, attributes', () => {
	test('1-based paging capped at 100, with totalResults and itemsPerPage', async () => {
		const first = await api.get('/Users?startIndex=1&count=500');
		expect(first.json.itemsPerPage).toBe(100);
		expect(first.json.Resources[0].userName).toBe('user00001@example.com');
		const second = await api.get('/Users?startIndex=101&count=10');
		expect(second.json).toMatchObject({ startIndex: 101, itemsPerPage: 10 });
		expect(second.json.Resources[0].userName).toBe('user00101@example.com');
		expect((await api.get('/Users?count=0')).json.Resources).toEqual([]);
		expect(first.json.totalResults).toBeGreaterThanOrEqual(250);
	});

	test('only userName eq and externalId eq filters; others are 400 invalidFilter', async () => {
		expect((await api.get(`/Users?filter=${encodeURIComponent('userName eq "USER00005@EXAMPLE.COM"')}`)).json.Resources.map((u: any) => u.userName)).toEqual(['user00005@example.com']);
		expect((await api.get(`/Users?filter=${encodeURIComponent('externalId eq "ext-00005"')}`)).json.totalResults).toBe(1);
		expect((await api.get(`/Users?filter=${encodeURIComponent('externalId eq "EXT-00005"')}`)).json.totalResults).toBe(0);
		for (const filter of ['title eq "Analyst"', 'userName co "user"', 'userName pr', 'userName eq "a" or userName pr', 'emails.value eq "user00001@example.com"']) {
			const response = await api.get(`/Users?filter=${encodeURIComponent(filter)}`);
			expect(response.status).toBe(400);
			expect(response.json.scimType).toBe('invalidFilter');
		}
	});

	test('an escaped injection string matches only that literal user name', async () => {
		const injection = 'x\\" or userName pr \\"';
		const response = await api.get(`/Users?filter=${encodeURIComponent(`userName eq "${injection}"`)}`);
		expect(response.status).toBe(200);
		expect(response.json.totalResults).toBe(0);
		await api.post('/Users', newUser('x" or userName pr "', { emails: [{ value: 'inj@example.com', primary: true }] }));
		const exact = await api.get(`/Users?filter=${encodeURIComponent(`userName eq "${injection}"`)}`);
		expect(exact.json.Resources.map((u: any) => u.userName)).toEqual(['x" or userName pr "']);
	});

	test('attributes and excludedAttributes; both at once is 400', async () => {
		const only = await api.get('/Users?count=1&attributes=userName,emails.value,name.givenName');
		expect(only.json.Resources[0]).toEqual({ schemas: expect.any(Array), id: expect.any(String), userName: 'user00001@example.com', emails: [{ value: 'user00001@example.com' }], name: { givenName: expect.any(String) } });
		const without = await api.get(`/Users?count=1&excludedAttributes=title,${ENTERPRISE}:department`);
		expect(without.json.Resources[0].title).toBeUndefined();
		expect(without.json.Resources[0][ENTERPRISE].department).toBeUndefined();
		expect((await api.get('/Users?attributes=userName&excludedAttributes=title')).status).toBe(400);
	});
});

describe('replace, patch, delete', () => {
	const one = async () => (await api.post('/Users', newUser(`p${Math.random().toString(16).slice(2)}@example.com`, { title: 'Old', displayName: 'Keep', nickName: 'Nick', [ENTERPRISE]: { department: 'Dept' } }))).json;

	test('PUT clears what it is not sent, keeps id, account and creation time', async () => {
		const user = await one();
		const response = await api.put(`/Users/${user.id}`, newUser(user.userName, { displayName: 'Only' }));
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ id: user.id, displayName: 'Only', [EXTERNAL]: user[EXTERNAL] });
		expect(response.json.title).toBeUndefined();
		expect(response.json[ENTERPRISE]).toBeUndefined();
		expect(response.json.meta.created).toBe(user.meta.created);
	});

	test('PATCH replace/add/remove with simple, dotted, URN and path-less forms', async () => {
		const user = await one();
		const response = await api.patch(`/Users/${user.id}`, {
			schemas: [PATCH],
			Operations: [
				{ op: 'Replace', path: 'title', value: 'New' },
				{ op: 'add', path: 'name.givenName', value: 'Given' },
				{ op: 'replace', path: `${ENTERPRISE}:organization`, value: 'Org' },
				{ op: 'remove', path: 'nickName' },
				{ op: 'replace', value: { displayName: 'PathLess', name: { familyName: 'Family' } } },
				{ op: 'replace', path: 'active', value: 'False' === 'False' ? 'false' : false },
			],
		});
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ title: 'New', displayName: 'PathLess', name: { givenName: 'Given', familyName: 'Family' }, active: false, [ENTERPRISE]: { department: 'Dept', organization: 'Org' } });
		expect(response.json.nickName).toBeUndefined();
		const lower = await api.patch(`/Users/${user.id}`, { schemas: [PATCH], operations: [{ op: 'replace', path: 'active', value: true }] });
		expect(lower.json.active).toBe(true);
	});

	test('PATCH errors: unknown path 400 invalidPath, read-only 400 mutability, a taken userName 409, bad timezone ignored', async () => {
		const user = await one();
		expect((await api.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'shoeSize', value: 1 }] })).json.scimType).toBe('invalidPath');
		expect((await api.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'id', value: 'x' }] })).json.scimType).toBe('mutability');
		expect((await api.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'userName', value: 'user00003@example.com' }] })).status).toBe(409);
		const tz = await api.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'timezone', value: 'GMT+8' }] });
		expect(tz.status).toBe(200);
		expect(tz.json.timezone).toBeUndefined();
	});

	test('deactivated users stay and can be reactivated; DELETE is 204 then 404', async () => {
		const user = await one();
		await api.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: false }] });
		expect((await api.get(`/Users/${user.id}`)).json.active).toBe(false);
		expect((await api.delete(`/Users/${user.id}`)).status).toBe(204);
		const gone = await api.get(`/Users/${user.id}`);
		expect(gone.status).toBe(404);
		expect(gone.json.status).toBe('404');
		expect((await api.patch(`/Users/${user.id}`, { schemas: [PATCH], Operations: [] })).status).toBe(404);
	});
});

test('seeds 10,000 users quickly and lists the last page', async () => {
	const started = Date.now();
	const big = await startSandbox({ seedUsers: 10_000 });
	try {
		expect(Date.now() - started).toBeLessThan(5000);
		const last = await http(big).get('/Users?startIndex=9901&count=100');
		expect(last.json.itemsPerPage).toBe(100);
		expect(last.json.Resources[99].userName).toBe('user10000@example.com');
	} finally {
		await big.close();
	}
});
