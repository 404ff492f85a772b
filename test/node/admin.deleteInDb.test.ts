import { startSandbox, type Sandbox } from '../../sandbox';
import { runNode } from '../helpers/engine';
import { sandboxCredentials } from '../helpers/credentials';

const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 60 });
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.clearFaults());

const accountIdOf = (user: Record<string, any>) => String(user[EXTERNAL].atlassianAccountId);

test('a 50-ID bulk delete with unknown IDs and injected 429s reports each ID exactly once with the right outcome', async () => {
	const users = sandbox.store.users(sandbox.directoryId).slice(0, 40);
	const known = users.map(accountIdOf);
	const unknown = Array.from({ length: 10 }, (_, n) => `ffffffffffffffffffff${String(n).padStart(4, '0')}`);
	const ids = [...known.slice(0, 20), ...unknown, ...known.slice(20)];
	sandbox.injectFaults([{ kind: '429', pathIncludes: 'onlyDeleteUserInDB', probability: 0.3, count: 25 }]);
	sandbox.resetStats();

	const { items, error } = await runNode({
		parameters: { resource: 'user', operation: 'deleteInDb', accountIds: ids.join('\n') },
		credentials: sandboxCredentials(sandbox),
	});
	expect(error).toBeUndefined();
	expect(sandbox.stats().rateLimited + sandbox.stats().faultsInjected).toBeGreaterThan(0);
	expect(items.map((i) => i.json.accountId)).toEqual(ids);
	for (const item of items) {
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.outcome).toBe(unknown.includes(String(item.json.accountId)) ? 'notFound' : 'deleted');
	}
	// Every known account lost its SCIM record; the others were untouched.
	const left = sandbox.store.users(sandbox.directoryId).map(accountIdOf);
	expect(left.filter((id: string) => known.includes(id))).toEqual([]);
	expect(left).toHaveLength(20);
	// No ID was sent again after it succeeded.
	const successes = sandbox.requests.filter((r) => r.method === 'DELETE' && r.status === 204).map((r) => r.path);
	expect(new Set(successes).size).toBe(successes.length);
});

test('one ID per input item, from an expression; an array from an expression also works', async () => {
	const users = sandbox.store.users(sandbox.directoryId).slice(0, 3);
	const ids = users.map(accountIdOf);
	const perItem = await runNode({
		parameters: { resource: 'user', operation: 'deleteInDb', accountIds: '={{ $json.aaid }}' },
		input: [{ aaid: ids[0] }, { aaid: ids[1] }],
		credentials: sandboxCredentials(sandbox),
	});
	expect(perItem.items.map((i) => [i.json.accountId, i.json.outcome, i.pairedItem])).toEqual([
		[ids[0], 'deleted', { item: 0 }],
		[ids[1], 'deleted', { item: 1 }],
	]);
	const asArray = await runNode({
		parameters: { resource: 'user', operation: 'deleteInDb', accountIds: '={{ $json.list }}' },
		input: [{ list: [ids[2], 'unknown-account'] }],
		credentials: sandboxCredentials(sandbox),
	});
	expect(asArray.items.map((i) => i.json.outcome)).toEqual(['deleted', 'notFound']);
});

test('Continue On Fail reports a failure on its own item and goes on', async () => {
	const [a, b] = sandbox.store.users(sandbox.directoryId).slice(0, 2).map(accountIdOf);
	sandbox.injectFaults([{ kind: '500', pathIncludes: a }]);
	const { items, error } = await runNode({
		parameters: { resource: 'user', operation: 'deleteInDb', accountIds: `${a},${b}`, requestOptions: { maxRetries: 1 } },
		credentials: sandboxCredentials(sandbox),
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.outcome)).toEqual(['failed', 'deleted']);
	expect(items[0].json.message).toMatch(/server error \(500\)/);
});

test('a retry that finds no record after an unclear failure says "gone", never "deleted"', async () => {
	const [known] = sandbox.store.users(sandbox.directoryId).slice(0, 1).map(accountIdOf);
	const unknown = 'ffffffffffffffffffffneverthere';
	// Both first attempts end in a 500: for the known ID after the delete was done, for the unknown one before.
	sandbox.injectFaults([
		{ kind: '500', pathIncludes: known, after: 'after', count: 1 },
		{ kind: '500', pathIncludes: unknown, after: 'before', count: 1 },
	]);
	const { items, error } = await runNode({
		parameters: { resource: 'user', operation: 'deleteInDb', accountIds: `${known},${unknown}` },
		credentials: sandboxCredentials(sandbox),
	});
	expect(error).toBeUndefined();
	expect(items.map((i) => [i.json.accountId, i.json.outcome])).toEqual([
		[known, 'gone'],
		[unknown, 'gone'],
	]);
	expect(items[1].json.message).toMatch(/either deleted the record or there was none/);
	expect(sandbox.store.users(sandbox.directoryId).map(accountIdOf)).not.toContain(known);
});

describe('key and organization errors say which', () => {
	const run = async (patch: Record<string, string>) => {
		const credentials = sandboxCredentials(sandbox);
		Object.assign(credentials.atlassianOrganizationApi, patch);
		return await runNode({ parameters: { resource: 'user', operation: 'deleteInDb', accountIds: 'abc' }, credentials, credentialNames: { atlassianOrganizationApi: 'Org admin' } });
	};

	test('wrong organization key', async () => {
		const { error } = await run({ apiKey: 'wrong-org-key' });
		expect(error?.message).toBe('Atlassian Organization API credential "Org admin": the organization API key was refused (401)');
	});

	test('missing organization key', async () => {
		const { error } = await run({ apiKey: '' });
		expect(error?.message).toBe('Atlassian Organization API credential "Org admin": the API key is empty.');
	});

	test('wrong organization ID', async () => {
		const { error } = await run({ organizationId: 'org-that-is-not-mine' });
		expect(error?.message).toBe('Atlassian Organization API credential "Org admin": the key cannot access organization "org-that-is-not-mine" (403)');
		expect(error?.description).toMatch(/Check the Organization ID in the Atlassian Organization API credential "Org admin"\./);
	});

	test('the directory key used by mistake', async () => {
		const { error } = await run({ apiKey: sandbox.directoryKey });
		expect(error?.message).toBe('Atlassian Organization API credential "Org admin": the key is not allowed to call the organization admin API (403)');
		expect(error?.description).toMatch(/directory \(SCIM\) key/);
	});
});
