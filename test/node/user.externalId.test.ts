// The user locator's "By External ID" mode: IdPs key users by it; Atlassian leaves its uniqueness to the client.
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 5 });
});
afterAll(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>) => await runNode({ parameters, credentials: sandboxCredentials(sandbox) });
const byExternalId = (value: string) => ({ __rl: true, mode: 'externalId', value });

test('Get, Update and Deactivate find the user by external ID, with one filtered request', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[1];
	const mark = sandbox.requests.length;
	const got = await run({ resource: 'user', operation: 'get', userId: byExternalId(String(user.externalId)) });
	expect(got.error).toBeUndefined();
	expect(got.items[0].json.id).toBe(user.id);
	const requests = sandbox.requests.slice(mark);
	expect(requests).toHaveLength(1);
	expect(decodeURIComponent(requests[0].query)).toContain(`filter=externalId eq "${user.externalId}"`);

	const updated = await run({ resource: 'user', operation: 'update', userId: byExternalId(String(user.externalId)), updateFields: { title: 'By External ID' } });
	expect(updated.error).toBeUndefined();
	expect(sandbox.store.directory(sandbox.directoryId)!.users.get(user.id)!.title).toBe('By External ID');

	const off = await run({ resource: 'user', operation: 'deactivate', userId: byExternalId(String(user.externalId)) });
	expect(off.error).toBeUndefined();
	expect(sandbox.store.directory(sandbox.directoryId)!.users.get(user.id)!.active).toBe(false);
});

test('external IDs are case-exact; an unknown one is a clear error', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[2];
	const { error } = await run({ resource: 'user', operation: 'get', userId: byExternalId(String(user.externalId).toUpperCase()) });
	expect(error?.message).toBe(`User (Ext. ID): no user has the external ID "${String(user.externalId).toUpperCase()}" in this directory`);
});

test('a duplicate external ID is an error naming both users, not the first match; nothing is changed', async () => {
	const [a, b] = sandbox.store.users(sandbox.directoryId).slice(3, 5);
	const set = await run({ resource: 'user', operation: 'update', userId: locator('id', b.id), updateFields: { externalId: String(a.externalId) } });
	expect(set.error).toBeUndefined();
	const mark = sandbox.requests.length;
	const { error } = await run({ resource: 'user', operation: 'delete', userId: byExternalId(String(a.externalId)) });
	expect(error?.message).toBe(
		`User (Ext. ID): 2 users have the external ID "${a.externalId}": "${a.userName}" (ID ${a.id}), "${b.userName}" (ID ${b.id}). ` +
			'Pick one by its ID (the ID mode), and give each user its own external ID',
	);
	expect(sandbox.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
	expect(sandbox.store.directory(sandbox.directoryId)!.users.has(a.id)).toBe(true);
});
