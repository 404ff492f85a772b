/** Rate limits, latency, stats and the request log. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { ERROR, expectHeldFor, http, q, sleep, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 3 });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.clearFaults();
	sandbox.configure({ rateLimit: null, latencyMs: 0 });
});

/** One turn of the event loop (setImmediate is never faked here), so I/O and the sandbox's work can go on. */
const turn = async () => await new Promise<void>((resolve) => setImmediate(resolve));

const burst = async (n: number, path = '/Users?count=1', client = api) => await Promise.all(Array.from({ length: n }, async () => await client.get(path)));

describe('rate limit', () => {
	test('fixed one-second windows: 429 over the limit with Retry-After and X-RateLimit-*; refused requests do not count', async () => {
		sandbox.configure({ rateLimit: { requestsPerSecond: 5 } });
		sandbox.resetStats();
		const started = Date.now();
		const answers = await burst(8);
		expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
		const limited = answers.find((a) => a.status === 429)!;
		expect(limited.json).toEqual({ schemas: [ERROR], status: '429', detail: 'Too many requests' });
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		const reset = Date.parse(limited.headers.get('x-ratelimit-reset')!);
		expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(reset).toBeGreaterThan(started);
		expect(reset).toBeLessThanOrEqual(Date.now() + 1000);
		// successful answers carry the headers too, counting down
		const remaining = answers.filter((a) => a.status === 200).map((a) => Number(a.headers.get('x-ratelimit-remaining'))).sort();
		expect(remaining).toEqual([0, 1, 2, 3, 4]);
		expect(sandbox.stats()).toMatchObject({ requests: 8, rateLimited: 3, byStatus: { '200': 5, '429': 3 } });
		// the refused three did not use the next window: after the reset all five go through
		await sleep(Math.max(0, reset - Date.now()) + 20);
		expect((await burst(5)).map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
	});

	test('a window opens with the first request: 12 requests at 5/s need three windows, five at most in each', async () => {
		sandbox.configure({ rateLimit: { requestsPerSecond: 5 } });
		const resets: string[] = [];
		while (resets.length < 12) {
			const answers = await burst(12 - resets.length);
			for (const answer of answers) if (answer.status === 200) resets.push(answer.headers.get('x-ratelimit-reset')!);
			const refused = answers.find((a) => a.status === 429);
			if (refused) await sleep(Math.max(0, Date.parse(refused.headers.get('x-ratelimit-reset')!) - Date.now()) + 5);
		}
		// Each window names its own reset time; its successes are counted by it.
		const perWindow = new Map<string, number>();
		for (const reset of resets) perWindow.set(reset, (perWindow.get(reset) ?? 0) + 1);
		expect([...perWindow.values()]).toEqual([5, 5, 2]);
		const order = [...perWindow.keys()].map(Date.parse);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	test('the window ends a full second after its first request, not at the next turn of the clock\'s second', async () => {
		// The sandbox's clock is pinned to the middle of a second, so this is decided by the clock it reads.
		const opened = Date.parse('2026-01-01T00:00:00.500Z');
		const clock = jest.spyOn(Date, 'now').mockReturnValue(opened);
		try {
			sandbox.configure({ rateLimit: { requestsPerSecond: 5 } });
			const answer = await api.get('/Users?count=1');
			expect(answer.status).toBe(200);
			expect(answer.headers.get('x-ratelimit-reset')).toBe('2026-01-01T00:00:01.500Z');
		} finally {
			clock.mockRestore();
		}
	});

	test('SCIM and admin calls share one budget', async () => {
		sandbox.configure({ rateLimit: { requestsPerSecond: 4 } });
		const admin = http(sandbox, sandbox.orgKey);
		const answers = await Promise.all([...(await burst(2)), admin.get('/admin/v1/orgs'), admin.get('/admin/v1/orgs'), admin.get('/admin/v1/orgs')]);
		expect(answers.filter((a) => a.status === 429)).toHaveLength(1);
	});

	test('a refused admin call answers in the admin error shape (ADMIN-429-1), a refused SCIM call in the SCIM one', async () => {
		sandbox.configure({ rateLimit: { requestsPerSecond: 1 } });
		const admin = http(sandbox, sandbox.orgKey);
		const [, adminRefused] = [await admin.get('/admin/v1/orgs'), await admin.get('/admin/v1/orgs')];
		expect(adminRefused.status).toBe(429);
		expect(adminRefused.json).toEqual({ errors: [{ status: '429', code: 'ADMIN-429-1', title: 'Too Many Requests', detail: 'Too many requests' }] });
		const scim = await api.get('/Users?count=1');
		expect(scim.status).toBe(429);
		expect(scim.json).toEqual({ schemas: [ERROR], status: '429', detail: 'Too many requests' });
	});

	test.each([
		['reset-only', { retry: false, x: true, onSuccess: true }],
		['retry-after-only', { retry: true, x: false, onSuccess: false }],
		['none', { retry: false, x: false, onSuccess: false }],
	] as const)('headers: %s', async (headers, expected) => {
		sandbox.configure({ rateLimit: { requestsPerSecond: 1, headers } });
		const [first, second] = [await api.get('/Users?count=1'), await api.get('/Users?count=1')];
		expect([first.status, second.status]).toEqual([200, 429]);
		expect(second.headers.get('retry-after') !== null).toBe(expected.retry);
		expect(second.headers.get('x-ratelimit-reset') !== null).toBe(expected.x);
		expect(second.headers.get('x-ratelimit-remaining') !== null).toBe(expected.x);
		expect(first.headers.get('x-ratelimit-limit') !== null).toBe(expected.onSuccess);
	});

	test('without a limit there are no rate-limit headers; control requests are never limited or counted', async () => {
		const free = await api.get('/Users?count=1');
		expect(free.headers.get('x-ratelimit-limit')).toBeNull();
		sandbox.configure({ rateLimit: { requestsPerSecond: 1 } });
		sandbox.resetStats();
		await api.get('/Users?count=1');
		expect((await api.get('/Users?count=1')).status).toBe(429);
		const control = http(sandbox, null);
		const stats = await control.get('/__sandbox/stats');
		expect(stats.status).toBe(200);
		expect(stats.json).toMatchObject({ requests: 2, rateLimited: 1 });
	});

	test('the rateLimit option at start', async () => {
		const limited = await startSandbox({ rateLimit: { requestsPerSecond: 2 } });
		try {
			expect((await burst(3, '/Users', http(limited))).map((a) => a.status).sort()).toEqual([200, 200, 429]);
		} finally {
			await limited.close();
		}
	});
});

describe('latency', () => {
	test('is the response time counted from the request\'s arrival: work before the answer is inside it, not added to it', async () => {
		// A 400 ms slow fault stands for the server's own work; with a 400 ms latency the answer goes out at 400 ms
		// (it used to go at 800: latency added after the work). The sandbox's timers run on jest's fake clock, so this is
		// decided by the clock the sandbox reads, not by how busy the machine is.
		sandbox.configure({ latencyMs: 400 });
		sandbox.injectFaults([{ kind: 'slow', delayMs: 400, count: 1 }]);
		sandbox.requests.length = 0;
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		try {
			const pending = api.get('/Users?count=1');
			// The request has arrived and its work has started.
			while (sandbox.stats().faultsInjected === 0 || sandbox.stats().inFlight === 0) await turn();
			const faults = sandbox.stats().faultsInjected;
			expect(faults).toBeGreaterThan(0);
			await jest.advanceTimersByTimeAsync(399);
			for (let n = 0; n < 10; n++) await turn();
			expect(sandbox.requests).toHaveLength(0); // not before the latency
			await jest.advanceTimersByTimeAsync(1);
			for (let n = 0; n < 10; n++) await turn();
			expect(sandbox.requests.map((r) => r.status)).toEqual([200]); // answered at 400, not 800
			expect((await pending).status).toBe(200);
		} finally {
			jest.useRealTimers();
		}
	});

	test('delays every API answer without blocking: parallel requests overlap', async () => {
		sandbox.configure({ latencyMs: 150 });
		sandbox.resetStats();
		const answers = await expectHeldFor(sandbox, 150, async () => await burst(6), 6);
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
		// Six in flight at once: parallel, not one after another.
		expect(sandbox.stats()).toMatchObject({ requests: 6, maxInFlight: 6, inFlight: 0 });
	});

	test('also errors are delayed; control requests are not', async () => {
		sandbox.configure({ latencyMs: 200 });
		expect((await expectHeldFor(sandbox, 200, async () => await http(sandbox, null).get('/Users'))).status).toBe(401);
		// A control request is answered while an API request still waits on its latency (ten minutes here).
		const slow = await startSandbox({ latencyMs: 600_000 });
		try {
			const pending = http(slow).get('/Users').catch(() => undefined);
			while (slow.stats().inFlight === 0) await turn();
			expect((await http(slow, null).get('/__sandbox/stats')).json).toMatchObject({ requests: 1, inFlight: 1 });
			expect(slow.requests).toHaveLength(0);
			void pending;
		} finally {
			await slow.close();
		}
	});

	test('the latencyMs option at start', async () => {
		const slow = await startSandbox({ latencyMs: 120 });
		try {
			expect((await expectHeldFor(slow, 120, async () => await http(slow).get('/Users'))).status).toBe(200);
		} finally {
			await slow.close();
		}
	});
});

describe('stats and the request log', () => {
	test('stats count requests by status; resetStats starts over', async () => {
		sandbox.resetStats();
		await api.get('/Users?count=1');
		await api.get('/Users/nope');
		await http(sandbox, null).get('/Users');
		await http(sandbox, sandbox.orgKey).get('/Users');
		expect(sandbox.stats()).toEqual({ requests: 4, byStatus: { '200': 1, '404': 1, '401': 1, '403': 1 }, inFlight: 0, maxInFlight: 1, rateLimited: 0, faultsInjected: 0, faultsByKind: {} });
		sandbox.resetStats();
		expect(sandbox.stats()).toEqual({ requests: 0, byStatus: {}, inFlight: 0, maxInFlight: 0, rateLimited: 0, faultsInjected: 0, faultsByKind: {} });
	});

	test('stats() is a snapshot, not a live object', async () => {
		const before = sandbox.stats();
		await api.get('/Users?count=1');
		expect(sandbox.stats().requests).toBe(before.requests + 1);
		before.byStatus['999'] = 1;
		before.faultsByKind['999'] = 1;
		expect(sandbox.stats().byStatus['999']).toBeUndefined();
		expect(sandbox.stats().faultsByKind['999']).toBeUndefined();
	});

	test('the log records method, path, query, headers, body and status', async () => {
		await api.post('/Users?attributes=userName', { userName: 'logged@example.com', emails: [{ value: 'logged@example.com', primary: true }] });
		await api.get(`/Users?${q('userName eq "logged@example.com"')}`);
		const [post, get] = sandbox.requests.slice(-2);
		expect(post).toMatchObject({ method: 'POST', path: `/scim/directory/${sandbox.directoryId}/Users`, query: 'attributes=userName', status: 201 });
		expect(JSON.parse(post.body).userName).toBe('logged@example.com');
		expect(post.headers.authorization).toBe(`Bearer ${sandbox.directoryKey}`);
		expect(get.query).toBe(q('userName eq "logged@example.com"'));
		expect(get.status).toBe(200);
	});

	test('the log keeps the last 5000 requests and can be truncated by tests', async () => {
		sandbox.requests.length = 0;
		for (let batch = 0; batch < 51; batch++) await burst(100, `/Users/none-${batch}`);
		expect(sandbox.requests).toHaveLength(5000);
		expect(sandbox.requests[0].path).toMatch(/none-1$/);
		expect(sandbox.requests[4999].path).toMatch(/none-50$/);
	});
});
