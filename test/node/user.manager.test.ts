// Manager: the enterprise extension's manager.value, on Create and Update, by SCIM ID or by user name.
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 6 });
});
afterAll(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>) => await runNode({ parameters, credentials: sandboxCredentials(sandbox) });
const stored = (id: string) => sandbox.store.directory(sandbox.directoryId)!.users.get(id)!;
const users = () => sandbox.store.users(sandbox.directoryId);

test('Create with a manager given by user name sends the manager\'s SCIM ID in the enterprise extension', async () => {
	const boss = users()[0];
	const mark = sandbox.requests.length;
	const { items, error } = await run({
		resource: 'user',
		operation: 'create',
		userName: 'report.one@example.com',
		emails: { email: [{ value: 'report.one@example.com', type: 'work', primary: true }] },
		additionalFields: { manager: locator('userName', String(boss.userName)) },
	});
	expect(error).toBeUndefined();
	const body = JSON.parse(sandbox.requests.slice(mark).find((r) => r.method === 'POST')!.body);
	expect(body.schemas).toContain(ENTERPRISE);
	expect(body[ENTERPRISE]).toEqual({ manager: { value: boss.id } });
	expect(stored(String(items[0].json.id))[ENTERPRISE].manager).toEqual({ value: boss.id });
});

test('Update by ID sends one replace of the manager; What Changed shows the IDs; the same manager again sends nothing', async () => {
	const [boss, user] = [users()[1], users()[2]];
	const mark = sandbox.requests.length;
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { manager: locator('id', boss.id) }, options: { output: 'changes' } });
	expect(error).toBeUndefined();
	const patch = JSON.parse(sandbox.requests.slice(mark).find((r) => r.method === 'PATCH')!.body);
	expect(patch.Operations).toEqual([{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: boss.id } }]);
	expect(items[0].json.changes).toEqual([{ field: 'Manager', before: null, after: boss.id }]);
	const again = sandbox.requests.length;
	const same = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { manager: locator('id', boss.id) } });
	expect(same.error).toBeUndefined();
	expect(sandbox.requests.slice(again).filter((r) => r.method === 'PATCH')).toEqual([]);
});

test('Fields to Clear removes the manager', async () => {
	const [boss, user] = [users()[1], users()[3]];
	await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { manager: locator('id', boss.id) } });
	const mark = sandbox.requests.length;
	const { error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), fieldsToClear: ['manager'] });
	expect(error).toBeUndefined();
	expect(JSON.parse(sandbox.requests.slice(mark).find((r) => r.method === 'PATCH')!.body).Operations).toEqual([{ op: 'remove', path: `${ENTERPRISE}:manager` }]);
	expect(stored(user.id)[ENTERPRISE]?.manager).toBeUndefined();
});

test('an unknown manager user name is refused before anything is sent', async () => {
	const user = users()[4];
	const mark = sandbox.requests.length;
	const { error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { manager: locator('userName', 'nobody@example.com') } });
	expect(error?.message).toBe('Manager (Name): no user has the user name "nobody@example.com" in this directory');
	expect(sandbox.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
});
