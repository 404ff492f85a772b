/** Bulk behaviour: credentials read once per execution, several requests in flight, output in input order. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 200, latencyMs: 20 });
});
afterAll(async () => await sandbox.close());

test('200 updates: the credential is read once, requests overlap, and output order and pairedItem match the input', async () => {
	const users = sandbox.store.users(sandbox.directoryId);
	sandbox.resetStats();
	const { items, error, credentialLookups } = await runNode({
		parameters: { resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: { title: '={{ $json.title }}' } },
		input: users.map((u, n) => ({ id: u.id, title: `Order ${n}` })),
		credentials: sandboxCredentials(sandbox),
	});
	expect(error).toBeUndefined();
	expect(credentialLookups).toBe(1);
	expect(sandbox.stats().maxInFlight).toBeGreaterThan(4);
	expect(sandbox.stats().maxInFlight).toBeLessThanOrEqual(100);
	expect(items.map((i) => i.json.id)).toEqual(users.map((u) => u.id));
	expect(items.map((i) => i.json.title)).toEqual(users.map((_, n) => `Order ${n}`));
	expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual(users.map((_, n) => n));
});

test('Max Concurrent Requests bounds the requests in flight', async () => {
	const users = sandbox.store.users(sandbox.directoryId).slice(0, 40);
	sandbox.resetStats();
	const { error } = await runNode({
		parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, requestOptions: { maxConcurrency: 3 } },
		input: users.map((u) => ({ id: u.id })),
		credentials: sandboxCredentials(sandbox),
	});
	expect(error).toBeUndefined();
	expect(sandbox.stats().maxInFlight).toBe(3);
});

test('under a rate limit the node waits as told: no failures, and it stays near the limit', async () => {
	sandbox.configure({ rateLimit: { requestsPerSecond: 50 }, latencyMs: 5 });
	try {
		const users = sandbox.store.users(sandbox.directoryId).slice(0, 150);
		const started = Date.now();
		const { items, error } = await runNode({
			parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			input: users.map((u) => ({ id: u.id })),
			credentials: sandboxCredentials(sandbox),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.filter((i) => i.error)).toHaveLength(0);
		// 150 requests at 50 a window need three windows, so at least one full window after the first, and not
		// much more than the three windows take.
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(1000);
		expect(elapsed).toBeLessThanOrEqual(4500);
	} finally {
		sandbox.configure({ rateLimit: null, latencyMs: 20 });
	}
});
