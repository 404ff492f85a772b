/** Property-based: hostile user names and titles go through the node to the sandbox and come back unchanged. */
import fc from 'fast-check';

import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 3 });
});
afterAll(async () => await sandbox.close());

const hostile = fc.oneof(
	fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
	fc.string({ unit: fc.constantFrom('"', '\\', '/', '?', '#', '%', ' ', 'é', '日', '🙂', ' or ', 'pr', '..'), minLength: 1, maxLength: 20 }),
	fc.constantFrom('x" or userName pr "', '" or "1"="1', '\\"', 'a/../../admin', '%2e%2e', 'ñandú 🐦', 'x'.repeat(300)),
).filter((s) => s.trim().length > 0);

test('a user name never widens the filter: Get Many by user name returns that user or nothing, never another', async () => {
	let n = 0;
	await fc.assert(
		fc.asyncProperty(hostile, fc.boolean(), async (userName, create) => {
			n++;
			const credentials = sandboxCredentials(sandbox);
			const exists = sandbox.store.directory(sandbox.directoryId)!.idByUserName(userName.trim());
			if (create && !exists) {
				const made = await runNode({
					parameters: { resource: 'user', operation: 'create', userName, emails: { email: [{ value: `prop${n}.${Date.now()}@example.com`, primary: true }] }, additionalFields: { title: userName }, simplify: false },
					credentials,
				});
				expect(made.error).toBeUndefined();
				expect(made.items[0].json.title).toBe(userName);
			}
			const found = await runNode({ parameters: { resource: 'user', operation: 'getAll', returnAll: true, filters: { userName } }, credentials });
			expect(found.error).toBeUndefined();
			for (const item of found.items) expect(String(item.json.userName).toLowerCase()).toBe(userName.trim().toLowerCase());
			const shouldExist = Boolean(exists) || create;
			expect(found.items.length).toBe(shouldExist ? 1 : 0);
			// The path never reaches anything but the Users endpoint.
			expect(sandbox.requests.every((r) => r.path.startsWith(`/scim/directory/${sandbox.directoryId}/Users`))).toBe(true);
		}),
		{ numRuns: 60 },
	);
	expect(JSON.stringify(sandbox.requests.map((r) => r.status))).not.toContain('500');
});

test('a group name never widens the filter: Get Many by name returns that group or nothing, never another', async () => {
	await fc.assert(
		fc.asyncProperty(hostile, fc.boolean(), async (name, create) => {
			const credentials = sandboxCredentials(sandbox);
			const taken = sandbox.store.groups(sandbox.directoryId).some((g) => g.displayName.toLowerCase() === name.trim().toLowerCase());
			if (create && !taken) {
				const made = await runNode({ parameters: { resource: 'group', operation: 'create', displayName: name, simplify: false }, credentials });
				expect(made.error).toBeUndefined();
				expect(made.items[0].json.displayName).toBe(name.trim());
			}
			sandbox.requests.length = 0;
			const found = await runNode({ parameters: { resource: 'group', operation: 'getAll', returnAll: true, filters: { displayName: name }, simplify: false }, credentials });
			expect(found.error).toBeUndefined();
			for (const item of found.items) expect(String(item.json.displayName).toLowerCase()).toBe(name.trim().toLowerCase());
			expect(found.items.length).toBe(taken || create ? 1 : 0);
			expect(sandbox.requests.every((r) => r.path.startsWith(`/scim/directory/${sandbox.directoryId}/Groups`))).toBe(true);
		}),
		{ numRuns: 40 },
	);
});

test('IDs from expressions of any shape are encoded or refused, and never reach another endpoint', async () => {
	sandbox.requests.length = 0;
	await fc.assert(
		fc.asyncProperty(fc.oneof(hostile, fc.integer().map(String)), async (id) => {
			const result = await runNode({ parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, input: [{ id }], credentials: sandboxCredentials(sandbox), continueOnFail: true });
			expect(result.items).toHaveLength(1);
			expect(result.items[0].error).toBeDefined();
		}),
		{ numRuns: 60 },
	);
	expect(sandbox.requests.every((r) => r.path.startsWith(`/scim/directory/${sandbox.directoryId}/Users`))).toBe(true);
});
