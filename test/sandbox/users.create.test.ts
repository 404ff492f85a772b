import { startSandbox, type Sandbox } from '../../sandbox';
import { CORE_USER, ENTERPRISE, ERROR, EXTERNAL, freshEmail, http, newUser, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 5, verifiedDomains: ['example.com', 'example.net'] });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());

const everything = (email: string) =>
	newUser(email, {
		schemas: [CORE_USER, ENTERPRISE],
		externalId: 'okta-00u1',
		name: { formatted: 'Dr. Ada B. Lovelace III', familyName: 'Lovelace', givenName: 'Ada', middleName: 'B.', honorificPrefix: 'Dr.', honorificSuffix: 'III' },
		displayName: 'Ada Lovelace',
		nickName: 'ada',
		title: 'Analyst',
		preferredLanguage: 'en-GB',
		timezone: 'Europe/London',
		phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work', primary: true }],
		active: true,
		[ENTERPRISE]: { department: 'Research', organization: 'Analytical Engines', manager: { value: 'boss@example.com' } },
	});

describe('POST /Users', () => {
	test('201 with id, meta, groups, the atlassian-external account ID and every attribute, as application/scim+json', async () => {
		const email = freshEmail('ada');
		const response = await api.post('/Users', everything(email));
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe('application/scim+json');
		const user = response.json;
		expect(user).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
			userName: email,
			emails: [{ value: email, type: 'work', primary: true }],
			externalId: 'okta-00u1',
			name: { formatted: 'Dr. Ada B. Lovelace III', familyName: 'Lovelace', givenName: 'Ada', middleName: 'B.', honorificPrefix: 'Dr.', honorificSuffix: 'III' },
			displayName: 'Ada Lovelace',
			nickName: 'ada',
			title: 'Analyst',
			preferredLanguage: 'en-GB',
			timezone: 'Europe/London',
			phoneNumbers: [{ value: '+44 20 7946 0000', type: 'work', primary: true }],
			active: true,
			groups: [],
			department: 'Research',
			organization: 'Analytical Engines',
			[ENTERPRISE]: { department: 'Research', organization: 'Analytical Engines', manager: { value: 'boss@example.com' } },
			[EXTERNAL]: { atlassianAccountId: expect.stringMatching(/^[0-9a-f]{24}$/) },
		});
		expect(user.schemas).toEqual(expect.arrayContaining([CORE_USER, ENTERPRISE, EXTERNAL]));
		expect(user.meta).toEqual({ resourceType: 'User', location: `${sandbox.scimBaseUrl}/Users/${user.id}`, created: expect.any(String), lastModified: expect.any(String) });
		expect(Date.parse(user.meta.created)).toBeGreaterThan(Date.now() - 60_000);
		// and it is stored that way: GET answers the same document
		expect((await api.get(`/Users/${user.id}`)).json).toEqual(user);
	});

	test('active defaults to true; "false" as a string is accepted (Entra ID sends strings); other values are 400', async () => {
		expect((await api.post('/Users', newUser(freshEmail()))).json.active).toBe(true);
		expect((await api.post('/Users', newUser(freshEmail(), { active: 'False' }))).json.active).toBe(false);
		const bad = await api.post('/Users', newUser(freshEmail(), { active: 'maybe' }));
		expect(bad.status).toBe(400);
		expect(bad.json.scimType).toBe('invalidValue');
	});

	test('top-level department/organization are accepted and echoed in the extension; the extension wins', async () => {
		const top = await api.post('/Users', newUser(freshEmail(), { department: 'Top', organization: 'TopOrg' }));
		expect(top.json[ENTERPRISE]).toEqual({ department: 'Top', organization: 'TopOrg' });
		expect(top.json.department).toBe('Top');
		const both = await api.post('/Users', newUser(freshEmail(), { department: 'Top', [ENTERPRISE]: { department: 'Ext' } }));
		expect(both.json[ENTERPRISE].department).toBe('Ext');
		expect(both.json.department).toBe('Ext');
	});

	test('a plain application/json body works as well as application/scim+json', async () => {
		const response = await api.call('POST', '/Users', newUser(freshEmail()), { 'content-type': 'application/json' });
		expect(response.status).toBe(201);
	});
});

describe('validation', () => {
	test.each([
		['no userName', { emails: [{ value: 'a@example.com', primary: true }] }],
		['an empty userName', { userName: '', emails: [{ value: 'a@example.com', primary: true }] }],
		['a blank userName', { userName: '   ', emails: [{ value: 'a@example.com', primary: true }] }],
		['a userName that is not a string', { userName: { x: 1 }, emails: [{ value: 'a@example.com', primary: true }] }],
	])('%s is 400 invalidValue', async (_name, body) => {
		const response = await api.post('/Users', body);
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue' });
	});

	test.each([
		['an email object instead of an array', { value: 'x@example.com', primary: true }],
		['no primary email', [{ value: 'x@example.com' }]],
		['two primary emails', [{ value: 'x@example.com', primary: true }, { value: 'y@example.com', primary: true }]],
		['no emails', undefined],
		['an empty array', []],
	])('%s: 400 "one email address has to be marked as the primary"', async (_name, emails) => {
		const response = await api.post('/Users', { userName: freshEmail(), ...(emails === undefined ? {} : { emails }) });
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ schemas: [ERROR], status: '400', scimType: 'invalidValue', detail: 'one email address has to be marked as the primary' });
		expect(response.headers.get('content-type')).toBe('application/scim+json');
	});

	test('an email that is not an address is 400', async () => {
		expect((await api.post('/Users', { userName: freshEmail(), emails: [{ value: 'not-an-email', primary: true }] })).status).toBe(400);
	});

	test('invalid JSON is 400 invalidSyntax; nothing is created', async () => {
		const before = sandbox.store.users(sandbox.directoryId).length;
		const response = await api.post('/Users', '{"userName": "x@example.com", ');
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
		expect(sandbox.store.users(sandbox.directoryId)).toHaveLength(before);
	});
});

describe('409 uniqueness', () => {
	test('a taken userName, in any case', async () => {
		const response = await api.post('/Users', { userName: 'USER00001@Example.COM', emails: [{ value: freshEmail(), primary: true }] });
		expect(response.status).toBe(409);
		expect(response.json).toEqual({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'Resource [USER]: with userName[USER00001@Example.COM] already exists.' });
	});

	test('an email (primary or not) held by another SCIM user of the directory', async () => {
		const primary = await api.post('/Users', { userName: freshEmail(), emails: [{ value: 'User00002@example.com', primary: true }] });
		expect(primary.status).toBe(409);
		expect(primary.json.detail).toBe('Resource [USER]: with email[User00002@example.com] already exists.');
		const holder = (await api.post('/Users', newUser(freshEmail(), { emails: [{ value: freshEmail('main'), primary: true }, { value: 'second.address@example.com' }] }))).json;
		expect(holder.id).toBeDefined();
		const secondary = await api.post('/Users', newUser(freshEmail(), { emails: [{ value: 'second.address@example.com', primary: true }] }));
		expect(secondary.status).toBe(409);
		expect(secondary.json.scimType).toBe('uniqueness');
	});
});

describe('Atlassian accounts', () => {
	test('a create whose email already has an account links to it (same account ID), a new email gets a new one', async () => {
		const email = freshEmail('link');
		const first = (await api.post('/Users', newUser(email))).json;
		expect((await api.delete(`/Users/${first.id}`)).status).toBe(204);
		const again = (await api.post('/Users', newUser(email.toUpperCase()))).json;
		expect(again.id).not.toBe(first.id);
		expect(again[EXTERNAL].atlassianAccountId).toBe(first[EXTERNAL].atlassianAccountId);
		const other = (await api.post('/Users', newUser(freshEmail('other')))).json;
		expect(other[EXTERNAL].atlassianAccountId).not.toBe(first[EXTERNAL].atlassianAccountId);
	});

	test('account IDs are deterministic per email', async () => {
		const fresh = await startSandbox();
		try {
			const a = (await http(fresh).post('/Users', newUser('same.person@example.com'))).json;
			const b = (await api.post('/Users', newUser('same.person@example.com'))).json;
			expect(a[EXTERNAL].atlassianAccountId).toBe(b[EXTERNAL].atlassianAccountId);
		} finally {
			await fresh.close();
		}
	});

	test('managed = the email domain is verified', async () => {
		const managed = (await api.post('/Users', newUser(freshEmail('m', 'example.net')))).json;
		const external = (await api.post('/Users', newUser(freshEmail('x', 'gmail.test')))).json;
		expect(sandbox.store.accounts.get(managed[EXTERNAL].atlassianAccountId)).toMatchObject({ managed: true, active: true });
		expect(sandbox.store.accounts.get(external[EXTERNAL].atlassianAccountId)).toMatchObject({ managed: false });
	});

	test('seeded users are linked to managed accounts too', () => {
		const seeded = sandbox.store.users(sandbox.directoryId)[0];
		expect(sandbox.store.accounts.get(seeded[EXTERNAL].atlassianAccountId)).toMatchObject({ email: 'user00001@example.com', managed: true });
	});
});

describe('timezone quirk: not an IANA zone → silently ignored', () => {
	test.each(['Sydney', 'GMT+8', 'Asia', 'GMT', 'europe/london'])('%s is not stored and not an error', async (timezone) => {
		const response = await api.post('/Users', newUser(freshEmail(), { timezone }));
		expect(response.status).toBe(201);
		expect(response.json.timezone).toBeUndefined();
	});

	test.each(['Australia/Sydney', 'America/Los_Angeles', 'UTC'])('%s is stored', async (timezone) => {
		expect((await api.post('/Users', newUser(freshEmail(), { timezone }))).json.timezone).toBe(timezone);
	});
});

describe('attributes / excludedAttributes on POST', () => {
	test('attributes trims the answer (id and schemas always come back), but everything is stored', async () => {
		const response = await api.post('/Users?attributes=userName', everything(freshEmail()));
		expect(response.status).toBe(201);
		expect(Object.keys(response.json).sort()).toEqual(['id', 'schemas', 'userName']);
		expect((await api.get(`/Users/${response.json.id}`)).json.title).toBe('Analyst');
	});

	test('both at once is 400 invalidValue, and nothing is created', async () => {
		const email = freshEmail();
		const response = await api.post('/Users?attributes=userName&excludedAttributes=title', newUser(email));
		expect(response.status).toBe(400);
		expect(response.json.scimType).toBe('invalidValue');
		expect(sandbox.store.directory(sandbox.directoryId)!.idByUserName(email)).toBeUndefined();
	});
});
