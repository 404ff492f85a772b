import { startSandbox, type Sandbox } from '../../sandbox';
import { runNode, type RunResult } from '../helpers/engine';
import { locator, sandboxCredentials } from '../helpers/credentials';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 250 });
});
afterAll(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>, input?: Record<string, unknown>[]): Promise<RunResult> =>
	await runNode({ parameters, input, credentials: sandboxCredentials(sandbox) });

const everyAttribute = {
	active: false,
	department: 'Mathematics',
	displayName: 'Ada Lovelace',
	externalId: 'ext-ada-1815',
	formatted: 'Ada King, Countess of Lovelace',
	givenName: 'Ada',
	middleName: 'Augusta',
	familyName: 'Lovelace',
	honorificPrefix: 'Countess',
	honorificSuffix: 'FRS',
	nickName: 'Ada',
	organization: 'Analytical Engines Ltd',
	phoneNumbers: { phone: [{ value: '+44 20 7946 0000', type: 'work', primary: true }, { value: '+44 7700 900000', type: 'mobile', primary: false }] },
	preferredLanguage: 'en-GB',
	timezone: 'Europe/London',
	title: 'Analyst',
};

describe('Create and Get with every attribute', () => {
	let id: string;

	test('create sends every attribute where Atlassian reads it, and the sandbox holds them', async () => {
		const { items, error } = await run({
			resource: 'user',
			operation: 'create',
			userName: 'ada.lovelace@example.com',
			emails: { email: [{ value: 'ada.lovelace@example.com', type: 'work', primary: true }, { value: 'ada@home.example.org', type: 'home', primary: false }] },
			additionalFields: everyAttribute,
			simplify: false,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const user = items[0].json;
		id = String(user.id);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(user[EXTERNAL]).toEqual({ atlassianAccountId: expect.stringMatching(/^[0-9a-f]{24}$/) });
		const create = sandbox.requests.find((r) => r.method === 'POST' && r.path.endsWith('/Users'))!;
		const body = JSON.parse(create.body);
		// Department and organization go in the enterprise extension, with its URN in schemas.
		expect(body[ENTERPRISE]).toEqual({ department: 'Mathematics', organization: 'Analytical Engines Ltd' });
		expect(body.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE]);
		expect(body.emails).toHaveLength(2);
	});

	test('get by ID reads every attribute back', async () => {
		const { items, error } = await run({ resource: 'user', operation: 'get', userId: locator('id', id), simplify: false });
		expect(error).toBeUndefined();
		const user = items[0].json as Record<string, any>;
		expect(user.userName).toBe('ada.lovelace@example.com');
		expect(user.emails).toEqual([
			{ value: 'ada.lovelace@example.com', type: 'work', primary: true },
			{ value: 'ada@home.example.org', type: 'home', primary: false },
		]);
		expect(user.name).toEqual({
			formatted: everyAttribute.formatted,
			givenName: everyAttribute.givenName,
			middleName: everyAttribute.middleName,
			familyName: everyAttribute.familyName,
			honorificPrefix: everyAttribute.honorificPrefix,
			honorificSuffix: everyAttribute.honorificSuffix,
		});
		expect(user.phoneNumbers).toEqual(everyAttribute.phoneNumbers.phone);
		for (const key of ['active', 'displayName', 'externalId', 'nickName', 'preferredLanguage', 'timezone', 'title'] as const) {
			expect(user[key]).toEqual(everyAttribute[key]);
		}
		expect(user[ENTERPRISE]).toMatchObject({ department: 'Mathematics', organization: 'Analytical Engines Ltd' });
	});

	test('get by user name resolves with the userName filter; Simplify gives flat fields', async () => {
		const { items, error } = await run({ resource: 'user', operation: 'get', userId: locator('userName', 'ADA.LOVELACE@example.com'), simplify: true });
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			id,
			userName: 'ada.lovelace@example.com',
			displayName: 'Ada Lovelace',
			primaryEmail: 'ada.lovelace@example.com',
			active: false,
			title: 'Analyst',
			department: 'Mathematics',
			organization: 'Analytical Engines Ltd',
			timezone: 'Europe/London',
			atlassianAccountId: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		const lookup = sandbox.requests.filter((r) => r.method === 'GET' && r.query.includes('filter=')).pop()!;
		expect(decodeURIComponent(lookup.query)).toContain('filter=userName eq "ADA.LOVELACE@example.com"');
	});

	test('attributes and excludedAttributes reach Atlassian and shape the answer', async () => {
		const only = await run({ resource: 'user', operation: 'get', userId: locator('id', id), simplify: false, options: { attributes: 'userName, emails.value' } });
		expect(Object.keys(only.items[0].json).sort()).toEqual(expect.arrayContaining(['id', 'userName', 'emails']));
		expect(only.items[0].json.title).toBeUndefined();
		const without = await run({ resource: 'user', operation: 'get', userId: locator('list', id), simplify: false, options: { excludedAttributes: 'title,timezone' } });
		expect(without.items[0].json.title).toBeUndefined();
		expect(without.items[0].json.userName).toBe('ada.lovelace@example.com');
	});
});

test('Get Many, Create and Update send Attributes / Excluded Attributes, and Atlassian\'s answer is shaped by them', async () => {
	const lastQuery = (method: string) => decodeURIComponent(sandbox.requests.filter((r) => r.method === method).pop()!.query);
	const many = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 3, simplify: false, options: { attributes: 'userName, title' } });
	expect(many.error).toBeUndefined();
	expect(lastQuery('GET')).toContain('attributes=userName,title');
	expect(many.items).toHaveLength(3);
	expect(many.items.every((i) => i.json.userName && i.json.title !== undefined && i.json.emails === undefined)).toBe(true);

	const created = await run({
		resource: 'user',
		operation: 'create',
		userName: 'shaped@example.com',
		emails: { email: [{ value: 'shaped@example.com', primary: true }] },
		additionalFields: { title: 'Hidden Title', timezone: 'Europe/Paris' },
		simplify: false,
		options: { excludedAttributes: 'title' },
	});
	expect(created.error).toBeUndefined();
	expect(lastQuery('POST')).toContain('excludedAttributes=title');
	expect(created.items[0].json.title).toBeUndefined();
	expect(created.items[0].json.timezone).toBe('Europe/Paris');
	const id = String(created.items[0].json.id);
	expect(sandbox.store.users(sandbox.directoryId).find((u: { id: string }) => u.id === id)!.title).toBe('Hidden Title');

	const updated = await run({ resource: 'user', operation: 'update', userId: locator('id', id), updateFields: { nickName: 'Shape' }, simplify: false, options: { attributes: 'nickName' } });
	expect(updated.error).toBeUndefined();
	expect(lastQuery('PATCH')).toContain('attributes=nickName');
	expect(updated.items[0].json).toMatchObject({ id, nickName: 'Shape' });
	expect(updated.items[0].json.userName).toBeUndefined();
});

describe('Get Many', () => {
	test('a limit fetches only the pages it needs', async () => {
		sandbox.requests.length = 0;
		const { items, error } = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 120 });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(120);
		const pages = sandbox.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Users'));
		expect(pages).toHaveLength(2);
		expect(decodeURIComponent(pages[1].query)).toMatch(/startIndex=101&count=20/);
	});

	test('return all pages through every user, in order, once', async () => {
		const { items } = await run({ resource: 'user', operation: 'getAll', returnAll: true, simplify: true });
		const total = sandbox.store.users(sandbox.directoryId).length;
		expect(items).toHaveLength(total);
		expect(new Set(items.map((i) => i.json.id)).size).toBe(total);
		expect(items[0].json.userName).toBe('user00001@example.com');
		expect(items.every((i, n) => (i.pairedItem as { item: number }).item === 0 && n >= 0)).toBe(true);
	});

	test('filters by user name or external ID only', async () => {
		const byName = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { userName: 'user00042@example.com' } });
		expect(byName.items.map((i) => i.json.userName)).toEqual(['user00042@example.com']);
		const byExternal = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { externalId: 'ext-00007' } });
		expect(byExternal.items.map((i) => i.json.externalId)).toEqual(['ext-00007']);
		const none = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { externalId: 'EXT-00007' } });
		expect(none.items).toHaveLength(0);
	});

	test('a hostile user name stays one literal value and never widens the filter', async () => {
		const { items, error } = await run({ resource: 'user', operation: 'getAll', returnAll: true, filters: { userName: 'x" or userName pr "' } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(0);
	});
});

describe('Deactivate, Reactivate, Delete', () => {
	test('deactivate and reactivate switch active and nothing else', async () => {
		const target = sandbox.store.users(sandbox.directoryId)[10];
		const before = JSON.parse(JSON.stringify({ ...target, active: undefined, meta: undefined }));
		const off = await run({ resource: 'user', operation: 'deactivate', userId: locator('id', target.id) });
		expect(off.items[0].json.active).toBe(false);
		const patch = JSON.parse(sandbox.requests.filter((r) => r.method === 'PATCH').pop()!.body);
		expect(patch.Operations).toEqual([{ op: 'replace', path: 'active', value: false }]);
		const on = await run({ resource: 'user', operation: 'reactivate', userId: locator('userName', String(target.userName)), simplify: true });
		expect(on.items[0].json.active).toBe(true);
		expect(on.items[0].json.note).toMatch(/site access that an admin removed by hand may stay off: check the user in Atlassian Administration/);
		expect(off.items[0].json).not.toHaveProperty('note');
		const after = sandbox.store.users(sandbox.directoryId).find((u: { id: string }) => u.id === target.id);
		expect(JSON.parse(JSON.stringify({ ...after, active: undefined, meta: undefined }))).toEqual(before);
	});

	test('delete removes the SCIM record; a second delete and a get answer 404 with a hint', async () => {
		const target = sandbox.store.users(sandbox.directoryId)[20];
		const deleted = await run({ resource: 'user', operation: 'delete', userId: locator('id', target.id) });
		expect(deleted.items[0].json).toEqual({ id: target.id, deleted: true, accountNote: expect.stringMatching(/deactivated the Atlassian account if the organization manages it/) });
		const again = await run({ resource: 'user', operation: 'get', userId: locator('id', target.id) });
		expect(again.error?.httpCode).toBe('404');
		expect(again.error?.message).toContain(target.id);
		expect(again.error?.description).toMatch(/deleted/);
	});
});
