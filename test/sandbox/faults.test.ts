import { startSandbox, type FaultSpec, type Sandbox } from '../../sandbox';
import { ERROR, expectHeldFor, freshEmail, http, newUser, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 3 });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.clearFaults();
	sandbox.configure({ rateLimit: null });
});

const exists = (userName: string) => sandbox.store.directory(sandbox.directoryId)!.idByUserName(userName) !== undefined;

describe('each kind', () => {
	test.each(['500', '502', '503', '504'] as const)('%s: a SCIM error with that status, once, then the real answer', async (kind) => {
		sandbox.injectFaults([{ kind, count: 1 }]);
		const faulted = await api.get('/Users?count=1');
		expect(faulted.status).toBe(Number(kind));
		expect(faulted.json).toMatchObject({ schemas: [ERROR], status: kind });
		const next = await api.get('/Users?count=1');
		expect(next.status).toBe(200);
		expect(next.json.Resources).toHaveLength(1);
	});

	test('429: like the rate limiter, with Retry-After 1', async () => {
		sandbox.injectFaults([{ kind: '429', count: 1 }]);
		const response = await api.get('/Users');
		expect(response.status).toBe(429);
		expect(response.json).toEqual({ schemas: [ERROR], status: '429', detail: 'Too many requests' });
		expect(response.headers.get('retry-after')).toBe('1');
		expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(Date.parse(response.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now());
	});

	test('drop: the connection closes without an answer', async () => {
		sandbox.injectFaults([{ kind: 'drop', count: 1 }]);
		await expect(api.get('/Users')).rejects.toThrow();
		expect((await api.get('/Users')).status).toBe(200);
		expect(sandbox.requests[sandbox.requests.length - 2].status).toBe(0);
	});

	test('slow: the real answer after the delay', async () => {
		sandbox.injectFaults([{ kind: 'slow', delayMs: 300, count: 1 }]);
		const response = await expectHeldFor(sandbox, 300, async () => await api.get('/Users?count=2'));
		expect(response.status).toBe(200);
		expect(response.json.Resources).toHaveLength(2);
	});

	test('malformed: 200 with JSON cut off', async () => {
		sandbox.injectFaults([{ kind: 'malformed', count: 1 }]);
		const response = await api.get('/Users');
		expect(response.status).toBe(200);
		expect(response.text.length).toBeGreaterThan(0);
		expect(() => JSON.parse(response.text)).toThrow();
	});

	test('html: a 502 HTML page', async () => {
		sandbox.injectFaults([{ kind: 'html', count: 1 }]);
		const response = await api.get('/Users');
		expect(response.status).toBe(502);
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		expect(response.text).toMatch(/^<!DOCTYPE html>/);
	});

	test('empty: 200 with no body', async () => {
		sandbox.injectFaults([{ kind: 'empty', count: 1 }]);
		const response = await api.get('/Users');
		expect(response.status).toBe(200);
		expect(response.text).toBe('');
	});

	test('oversized: 200 with about 20 MB of valid JSON that is not a SCIM resource', async () => {
		sandbox.injectFaults([{ kind: 'oversized', count: 1 }]);
		const response = await api.get('/Users');
		expect(response.status).toBe(200);
		expect(response.text.length).toBeGreaterThan(20_000_000);
		expect(Array.isArray(response.json)).toBe(true);
	});
});

describe('matching', () => {
	test('by method and by a substring of path and query', async () => {
		sandbox.injectFaults([{ kind: '503', method: 'delete', pathIncludes: '/Groups' }]);
		expect((await api.get('/Groups')).status).toBe(200);
		expect((await api.delete('/Users/nope')).status).toBe(404);
		expect((await api.delete('/Groups/nope')).status).toBe(503);
		sandbox.clearFaults();
		sandbox.injectFaults([{ kind: '500', pathIncludes: 'filter=' }]);
		expect((await api.get('/Users')).status).toBe(200);
		expect((await api.get('/Users?filter=userName%20eq%20%22x%22')).status).toBe(500);
	});

	test('count limits the hits; without a count the fault stays until cleared', async () => {
		sandbox.injectFaults([{ kind: '500', count: 2 }]);
		const statuses = [];
		for (let n = 0; n < 4; n++) statuses.push((await api.get('/Users')).status);
		expect(statuses).toEqual([500, 500, 200, 200]);
		sandbox.injectFaults([{ kind: '503' }]);
		for (let n = 0; n < 3; n++) expect((await api.get('/Users')).status).toBe(503);
		sandbox.clearFaults();
		expect((await api.get('/Users')).status).toBe(200);
	});

	test('skip lets the first matching requests through', async () => {
		sandbox.injectFaults([{ kind: '503', method: 'GET', skip: 2, count: 1 }]);
		const statuses = [];
		for (let n = 0; n < 4; n++) statuses.push((await api.get('/Users')).status);
		expect(statuses).toEqual([200, 200, 503, 200]);
		expect(() => sandbox.injectFaults([{ kind: '503', skip: -1 }])).toThrow(/skip/);
	});

	test('the first installed fault that matches wins', async () => {
		sandbox.injectFaults([{ kind: '502', method: 'POST', count: 1 }, { kind: '504', count: 2 }]);
		expect((await api.get('/Users')).status).toBe(504);
		expect((await api.post('/Users', newUser(freshEmail()))).status).toBe(502);
		expect((await api.post('/Users', newUser(freshEmail()))).status).toBe(504);
	});

	test('probability is deterministic: the same decisions after a clear', async () => {
		const run = async () => {
			sandbox.clearFaults();
			sandbox.injectFaults([{ kind: '500', probability: 0.3 }]);
			const out: number[] = [];
			for (let n = 0; n < 60; n++) out.push((await api.get('/Users?count=1')).status);
			return out;
		};
		const first = await run();
		const hits = first.filter((s) => s === 500).length;
		expect(hits).toBeGreaterThan(5);
		expect(hits).toBeLessThan(35);
		expect(await run()).toEqual(first);
	});

	test('faults never touch the control API; stats count them', async () => {
		sandbox.resetStats();
		sandbox.injectFaults([{ kind: '500' }]);
		expect((await http(sandbox, null).get('/__sandbox/stats')).status).toBe(200);
		await api.get('/Users');
		await api.get('/Users');
		expect(sandbox.stats()).toMatchObject({ requests: 2, faultsInjected: 2, byStatus: { '500': 2 } });
	});

	test('rate limiting comes first: a refused request does not use up a fault', async () => {
		sandbox.configure({ rateLimit: { requestsPerSecond: 1 } });
		sandbox.injectFaults([{ kind: '503', count: 1 }]);
		expect((await api.get('/Users')).status).toBe(503);
		expect((await api.get('/Users')).status).toBe(429);
	});

	test('unknown kinds and bad probabilities are refused', () => {
		expect(() => sandbox.injectFaults([{ kind: 'teapot' } as unknown as FaultSpec])).toThrow(/kind/);
		expect(() => sandbox.injectFaults([{ kind: '500', probability: 2 }])).toThrow(/probability/);
	});
});

describe("after: 'after' — the operation happens, the answer is lost", () => {
	test('a create answered 500 did create the user', async () => {
		const email = freshEmail('lost');
		sandbox.injectFaults([{ kind: '500', method: 'POST', after: 'after', count: 1 }]);
		expect((await api.post('/Users', newUser(email))).status).toBe(500);
		expect(exists(email)).toBe(true);
		expect((await api.post('/Users', newUser(email))).status).toBe(409);
	});

	test('a dropped connection after the delete: the user is gone', async () => {
		const user = (await api.post('/Users', newUser(freshEmail('drop')))).json;
		sandbox.injectFaults([{ kind: 'drop', method: 'DELETE', after: 'after', count: 1 }]);
		await expect(api.delete(`/Users/${user.id}`)).rejects.toThrow();
		expect((await api.get(`/Users/${user.id}`)).status).toBe(404);
	});

	test('malformed / empty after a PATCH: the change is stored', async () => {
		const user = (await api.post('/Users', newUser(freshEmail('garbled')))).json;
		sandbox.injectFaults([{ kind: 'empty', method: 'PATCH', after: 'after', count: 1 }]);
		const response = await api.patch(`/Users/${user.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Applied' }] });
		expect([response.status, response.text]).toEqual([200, '']);
		expect((await api.get(`/Users/${user.id}`)).json.title).toBe('Applied');
	});

	test.each(['empty', 'malformed'] as const)('%s after an error keeps the error status: a garbled body never turns a 404 into a success', async (kind) => {
		sandbox.injectFaults([{ kind, method: 'DELETE', after: 'after', count: 1 }]);
		const response = await api.delete('/Users/00000000-0000-0000-0000-00000000dead');
		expect(response.status).toBe(404);
		expect(() => JSON.parse(response.text)).toThrow();
	});

	test("'before' (the default) leaves nothing behind", async () => {
		const email = freshEmail('before');
		sandbox.injectFaults([{ kind: '503', method: 'POST', count: 1 }]);
		expect((await api.post('/Users', newUser(email))).status).toBe(503);
		expect(exists(email)).toBe(false);
		sandbox.injectFaults([{ kind: 'drop', method: 'POST', count: 1 }]);
		await expect(api.post('/Users', newUser(email))).rejects.toThrow();
		expect(exists(email)).toBe(false);
	});
});
