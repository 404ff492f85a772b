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

test('under a rate limit the node waits as told: no failures, no request refused again before a new window', async () => {
	// How close to the limit it runs is measured by the bench (engine-c: x requests/rate), not here.
	sandbox.configure({ rateLimit: { requestsPerSecond: 50 }, latencyMs: 5 });
	try {
		const users = sandbox.store.users(sandbox.directoryId).slice(0, 150);
		sandbox.resetStats();
		sandbox.requests.length = 0;
		const { items, error } = await runNode({
			parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			input: users.map((u) => ({ id: u.id })),
			credentials: sandboxCredentials(sandbox),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.filter((i) => i.error)).toHaveLength(0);
		// The limit was hit (150 requests at 50 a window, up to 100 in flight), and every refused request went through later.
		const log = sandbox.requests;
		expect(sandbox.stats().rateLimited).toBeGreaterThan(0);
		expect(log.filter((r) => r.status === 200)).toHaveLength(150);
		expect(log.filter((r) => r.status !== 200 && r.status !== 429)).toEqual([]);
		// 150 requests need three windows, so a request waits through at most two window ends. A node that retried a 429
		// before the window it was told of (Retry-After, X-RateLimit-Reset) would be refused again within the same window.
		const refusals = new Map<string, number>();
		for (const r of log) if (r.status === 429) refusals.set(r.path, (refusals.get(r.path) ?? 0) + 1);
		expect(Math.max(...refusals.values())).toBeLessThanOrEqual(2);
	} finally {
		sandbox.configure({ rateLimit: null, latencyMs: 20 });
	}
});
