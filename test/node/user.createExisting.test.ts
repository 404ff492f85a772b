// Create when the user exists: by default a 409 error; with "If User Exists: Return Existing User", the existing user.
import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 4 });
});
afterAll(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>) => await runNode({ parameters, credentials: sandboxCredentials(sandbox) });
const create = (userName: string, email: string, options: Record<string, unknown> = {}, simplify = true) =>
	run({ resource: 'user', operation: 'create', userName, emails: { email: [{ value: email, type: 'work', primary: true }] }, additionalFields: { title: 'New Title' }, options, simplify });

test('by default an existing user is a 409 error, as before', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[0];
	const { error } = await create(user.userName, user.userName);
	expect(error?.httpCode).toBe('409');
});

test('Return Existing User: the existing user, unchanged, marked; no second user, no write', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[1];
	const count = sandbox.store.users(sandbox.directoryId).length;
	const mark = sandbox.requests.length;
	const { items, error } = await create(user.userName, user.userName, { ifExists: 'return' });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ id: user.id, userName: user.userName, title: user.title, alreadyExisted: true });
	expect(items[0].json.createNote).toBe('The user already existed (Atlassian answered 409); this is the existing user, unchanged.');
	expect(sandbox.store.users(sandbox.directoryId)).toHaveLength(count);
	expect(sandbox.requests.slice(mark).filter((r) => r.method !== 'GET').map((r) => r.status)).toEqual([409]);
});

test('Return Existing User finds the user whose user name is the conflicting email; Simplify applies', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[2];
	const { items, error } = await create('a.new.name@example.com', user.userName, { ifExists: 'return' });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ id: user.id, userName: user.userName, alreadyExisted: true });
	expect(items[0].json).not.toHaveProperty('schemas');
	const raw = await create('another.name@example.com', user.userName, { ifExists: 'return' }, false);
	expect(raw.items[0].json).toMatchObject({ id: user.id, schemas: expect.any(Array), alreadyExisted: true });
});

test('a new user has no alreadyExisted field (the output of a create is as before)', async () => {
	const { items, error } = await create('brand.new@example.com', 'brand.new@example.com', { ifExists: 'return' });
	expect(error).toBeUndefined();
	expect(items[0].json).not.toHaveProperty('alreadyExisted');
});
