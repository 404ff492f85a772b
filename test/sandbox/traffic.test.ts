import { startSandbox, type Sandbox } from '../../sandbox';
import { http } from './client';

let sandbox: Sandbox;
let api: ReturnType<typeof http>;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 3 });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.clearFaults();
	sandbox.configure({ rateLimit: null, latencyMs: 0 });
});

test('rate limit: fixed one-second windows, 429 with Retry-After and X-RateLimit-*; refused requests do not count', async () => {
	const now = Date.now();
	await new Promise((r) => setTimeout(r, 1000 - (now % 1000) + 20)); // start at a window's beginning
	sandbox.configure({ rateLimit: { requestsPerSecond: 5 } });
	sandbox.resetStats();
	const answers = await Promise.all(Array.from({ length: 8 }, async () => await api.get('/Users?count=1')));
	const statuses = answers.map((a) => a.status).sort();
	expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
	const limited = answers.find((a) => a.status === 429)!;
	expect(limited.headers.get('retry-after')).toBe('1');
	expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
	expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
	expect(Date.parse(limited.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now() - 1000);
	expect(limited.json.status).toBe('429');
	expect(sandbox.stats().rateLimited).toBe(3);
	await new Promise((r) => setTimeout(r, 1000));
	expect((await api.get('/Users?count=1')).status).toBe(200);
	sandbox.configure({ rateLimit: { requestsPerSecond: 1, headers: 'reset-only' } });
	await new Promise((r) => setTimeout(r, 1000));
	await api.get('/Users?count=1');
	const resetOnly = await api.get('/Users?count=1');
	expect(resetOnly.status).toBe(429);
	expect(resetOnly.headers.get('retry-after')).toBeNull();
	expect(resetOnly.headers.get('x-ratelimit-reset')).not.toBeNull();
});

test('latency delays every API answer, and stats count the requests in flight', async () => {
	sandbox.configure({ latencyMs: 60 });
	sandbox.resetStats();
	const started = Date.now();
	await Promise.all(Array.from({ length: 5 }, async () => await api.get('/Users?count=1')));
	expect(Date.now() - started).toBeGreaterThanOrEqual(55);
	expect(sandbox.stats()).toMatchObject({ requests: 5, maxInFlight: 5, inFlight: 0, byStatus: { '200': 5 } });
});

test.each([
	['500', 500],
	['503', 503],
	['429', 429],
])('fault %s answers that status once, then the real answer', async (kind, status) => {
	sandbox.injectFaults([{ kind: kind as '500', count: 1 }]);
	expect((await api.get('/Users?count=1')).status).toBe(status);
	expect((await api.get('/Users?count=1')).status).toBe(200);
});

test('faults: html page, empty body, malformed JSON, oversized body, dropped connection, slow answer', async () => {
	sandbox.injectFaults([{ kind: 'html', count: 1 }]);
	const html = await api.get('/Users');
	expect([html.status, html.headers.get('content-type')]).toEqual([502, 'text/html; charset=utf-8']);
	sandbox.injectFaults([{ kind: 'empty', count: 1 }]);
	expect((await api.get('/Users')).text).toBe('');
	sandbox.injectFaults([{ kind: 'malformed', count: 1 }]);
	const malformed = await api.get('/Users');
	expect(malformed.status).toBe(200);
	expect(malformed.json).toBeUndefined();
	sandbox.injectFaults([{ kind: 'oversized', count: 1 }]);
	expect((await api.get('/Users')).text.length).toBeGreaterThan(20_000_000);
	sandbox.injectFaults([{ kind: 'drop', count: 1 }]);
	await expect(api.get('/Users')).rejects.toThrow();
	sandbox.injectFaults([{ kind: 'slow', delayMs: 300, count: 1 }]);
	const started = Date.now();
	expect((await api.get('/Users?count=1')).status).toBe(200);
	expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test('an "after" fault applies the operation, then loses the answer', async () => {
	sandbox.injectFaults([{ kind: '500', method: 'POST', after: 'after', count: 1 }]);
	const response = await api.post('/Users', { userName: 'lost.answer@example.com', emails: [{ value: 'lost.answer@example.com', primary: true }] });
	expect(response.status).toBe(500);
	expect(sandbox.store.directory(sandbox.directoryId)!.idByUserName('lost.answer@example.com')).toBeDefined();
});

test('faults filtered by method and path; probability is deterministic', async () => {
	sandbox.injectFaults([{ kind: '503', method: 'DELETE', pathIncludes: '/Groups' }]);
	expect((await api.get('/Users?count=1')).status).toBe(200);
	sandbox.clearFaults();
	const run = async () => {
		sandbox.clearFaults();
		sandbox.injectFaults([{ kind: '500', probability: 0.5 }]);
		const out: number[] = [];
		for (let n = 0; n < 20; n++) out.push((await api.get('/Users?count=1')).status);
		return out;
	};
	const first = await run();
	expect(first).toContain(500);
	expect(first).toContain(200);
	expect(await run()).toEqual(first);
});

test('control API over HTTP: state, stats, reset, configure, faults', async () => {
	const control = http(sandbox, null);
	expect((await control.post('/__sandbox/reset', { seedUsers: 12 })).status).toBe(204);
	expect((await control.get('/__sandbox/state')).json.users).toHaveLength(12);
	await control.post('/__sandbox/stats/reset');
	await control.post('/__sandbox/configure', { latencyMs: 1 });
	await control.post('/__sandbox/faults', [{ kind: '503', count: 1 }]);
	expect((await api.get('/Users')).status).toBe(503);
	await control.call('DELETE', '/__sandbox/faults');
	expect((await api.get('/Users')).status).toBe(200);
	expect((await control.get('/__sandbox/stats')).json).toMatchObject({ requests: 2, faultsInjected: 1 });
});
