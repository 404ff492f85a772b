import { startSandbox, type Sandbox } from '../../sandbox';
import { runNode } from '../helpers/engine';
import { locator, sandboxCredentials } from '../helpers/credentials';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 30 });
});
afterAll(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>) =>
	await runNode({ parameters, credentials: sandboxCredentials(sandbox) });

const stored = (id: string) => sandbox.store.users(sandbox.directoryId).find((u: { id: string }) => u.id === id)!;
const lastPatch = () => JSON.parse(sandbox.requests.filter((r) => r.method === 'PATCH').pop()!.body);

test('an update that sets only the title leaves everything else as it was (PATCH)', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[0];
	const before = JSON.parse(JSON.stringify(stored(user.id)));
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { title: 'Chief Analyst' } });
	expect(error).toBeUndefined();
	expect(items[0].json.title).toBe('Chief Analyst');
	expect(lastPatch()).toEqual({
		schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
		Operations: [{ op: 'replace', path: 'title', value: 'Chief Analyst' }],
	});
	const after = JSON.parse(JSON.stringify(stored(user.id)));
	expect({ ...after, title: undefined, meta: undefined }).toEqual({ ...before, title: undefined, meta: undefined });
});

test('every attribute can be updated and is read back', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[1];
	const { items, error } = await run({
		resource: 'user',
		operation: 'update',
		userId: locator('id', user.id),
		updateFields: {
			userName: 'renamed.user@example.com',
			emails: { email: [{ value: 'renamed.user@example.com', type: 'work', primary: true }] },
			active: false,
			department: 'Research',
			organization: 'Babbage & Co',
			displayName: 'Renamed User',
			externalId: 'ext-renamed',
			givenName: 'Renamed', familyName: 'User', middleName: 'M', formatted: 'Renamed M User', honorificPrefix: 'Ms', honorificSuffix: 'MSc',
			nickName: 'Ren',
			phoneNumbers: { phone: [{ value: '+1 555 0100', type: 'mobile', primary: true }] },
			preferredLanguage: 'fr-CA',
			timezone: 'America/Toronto',
			title: 'Engineer',
		},
	});
	expect(error).toBeUndefined();
	const get = await run({ resource: 'user', operation: 'get', userId: locator('id', user.id), simplify: false });
	const u = get.items[0].json as Record<string, any>;
	expect(u).toMatchObject({
		userName: 'renamed.user@example.com',
		emails: [{ value: 'renamed.user@example.com', type: 'work', primary: true }],
		active: false,
		displayName: 'Renamed User',
		externalId: 'ext-renamed',
		name: { givenName: 'Renamed', familyName: 'User', middleName: 'M', formatted: 'Renamed M User', honorificPrefix: 'Ms', honorificSuffix: 'MSc' },
		nickName: 'Ren',
		phoneNumbers: [{ value: '+1 555 0100', type: 'mobile', primary: true }],
		preferredLanguage: 'fr-CA',
		timezone: 'America/Toronto',
		title: 'Engineer',
	});
	expect(u[ENTERPRISE]).toMatchObject({ department: 'Research', organization: 'Babbage & Co' });
	expect(items[0].json.id).toBe(user.id);
	const paths = lastPatch().Operations.map((o: { path: string }) => o.path);
	expect(paths).toContain(`${ENTERPRISE}:department`);
	expect(paths).toContain('name.givenName');
});

test('a field can be cleared on purpose; others stay', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[2];
	expect(stored(user.id).title).toBeTruthy();
	const { error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), fieldsToClear: ['title', 'department'] });
	expect(error).toBeUndefined();
	expect(lastPatch().Operations).toEqual([
		{ op: 'remove', path: 'title' },
		{ op: 'remove', path: `${ENTERPRISE}:department` },
	]);
	const after = stored(user.id);
	expect(after.title ?? null).toBeNull();
	expect(after.displayName).toBeTruthy();
});

test('Replace Whole User (PUT) clears what it is not sent', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[3];
	expect(stored(user.id).title).toBeTruthy();
	const { items, error } = await run({
		resource: 'user',
		operation: 'update',
		updateMode: 'replace',
		userId: locator('id', user.id),
		userName: String(user.userName),
		emails: { email: [{ value: String(user.userName), primary: true }] },
		additionalFields: { displayName: 'Only Name Left' },
		options: { output: 'changes' },
	});
	expect(error).toBeUndefined();
	const put = sandbox.requests.filter((r) => r.method === 'PUT').pop()!;
	expect(JSON.parse(put.body)).toMatchObject({ userName: user.userName, displayName: 'Only Name Left' });
	const after = stored(user.id);
	expect(after.title ?? null).toBeNull();
	expect(after.displayName).toBe('Only Name Left');
	const fields = (items[0].json.changes as Array<{ field: string }>).map((c) => c.field);
	expect(fields).toEqual(expect.arrayContaining(['Display Name', 'Title']));
});

test('What Changed reports field, before and after, and sends only real differences', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[4];
	const oldTitle = stored(user.id).title;
	const email = (stored(user.id).emails as Array<{ value: string }>)[0].value;
	const { items, error } = await run({
		resource: 'user',
		operation: 'update',
		userId: locator('id', user.id),
		updateFields: { title: 'Head of Engines', emails: { email: [{ value: email, type: 'work', primary: true }] } },
		options: { output: 'changes' },
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({
		id: user.id,
		userName: user.userName,
		changed: true,
		changes: [{ field: 'Title', before: oldTitle, after: 'Head of Engines' }],
		summary: `Title: ${oldTitle} → Head of Engines`,
	});
	// The unchanged email is not re-sent: updates to unmanaged accounts unlink them at Atlassian.
	expect(lastPatch().Operations).toEqual([{ op: 'replace', path: 'title', value: 'Head of Engines' }]);

	const patches = sandbox.requests.filter((r) => r.method === 'PATCH').length;
	const same = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { title: 'Head of Engines' }, options: { output: 'changes' } });
	expect(same.items[0].json).toMatchObject({ changed: false, changes: [], summary: 'No changes' });
	expect(sandbox.requests.filter((r) => r.method === 'PATCH').length).toBe(patches);
});

test('an update with nothing set is refused before any request', async () => {
	const count = sandbox.requests.length;
	const { error } = await run({ resource: 'user', operation: 'update', userId: locator('id', 'whatever') });
	expect(error?.message).toMatch(/nothing to update/);
	expect(sandbox.requests.length).toBe(count);
});

test('What Changed with Attributes: a field left out of the answer is reported with its new value, not as cleared', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[5];
	const oldTitle = stored(user.id).title;
	expect(oldTitle).toBeTruthy();
	const { items, error } = await run({
		resource: 'user',
		operation: 'update',
		userId: locator('id', user.id),
		updateFields: { title: 'Keeper of Engines' },
		simplify: false,
		options: { output: 'changes', attributes: 'userName' },
	});
	expect(error).toBeUndefined();
	expect(stored(user.id).title).toBe('Keeper of Engines');
	expect(items[0].json).toMatchObject({
		changed: true,
		changes: [{ field: 'Title', before: oldTitle, after: 'Keeper of Engines' }],
		summary: `Title: ${oldTitle} → Keeper of Engines`,
	});
	// The user in the report is still shaped by Attributes.
	expect((items[0].json.user as Record<string, unknown>).title).toBeUndefined();
	expect(decodeURIComponent(sandbox.requests.filter((r) => r.method === 'PATCH').pop()!.query)).toContain('attributes=userName');
});
