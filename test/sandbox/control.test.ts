/** The /__sandbox control API (used by other processes) and the programmatic reset/configure. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { EXTERNAL, expectHeldFor, http, newUser, sleep, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
let control: Client;
beforeAll(async () => {
	sandbox = await startSandbox({
		seedUsers: 4,
		directories: [
			{ id: 'dir-main', key: 'key-main' },
			{ id: 'dir-side', key: 'key-side' },
		],
	});
	api = http(sandbox);
	control = http(sandbox, null);
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.clearFaults();
	sandbox.configure({ latencyMs: 0, rateLimit: null, groupMemberNotFound: 404, memberRemoveForms: 'both' });
});

test('GET state: users, groups (members as arrays) and accounts, for every directory', async () => {
	const ids = sandbox.store.users('dir-main').map((u) => u.id);
	await api.post('/Groups', { displayName: 'state-group', members: [{ value: ids[0] }] });
	const response = await control.get('/__sandbox/state');
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	const state = response.json;
	expect(state.users.map((u: any) => u.userName)).toEqual(['user00001@example.com', 'user00002@example.com', 'user00003@example.com', 'user00004@example.com']);
	expect(state.groups).toEqual([expect.objectContaining({ displayName: 'state-group', members: [ids[0]] })]);
	expect(state.accounts).toHaveLength(4);
	expect(state.accounts[0]).toEqual({ accountId: state.users[0][EXTERNAL].atlassianAccountId, email: 'user00001@example.com', managed: true, active: true });
	expect(Object.keys(state.directories)).toEqual(['dir-main', 'dir-side']);
	expect(state.directories['dir-side']).toEqual({ users: [], groups: [] });
	expect(state.orgId).toBe(sandbox.orgId);
});

test('POST reset {seedUsers}: wipes users, groups and accounts and reseeds the same users (same ids)', async () => {
	const dir = sandbox.store.directory('dir-main')!; // tests hold on to this object: it must stay valid
	await api.post('/Users', newUser('extra@example.com'));
	expect((await control.post('/__sandbox/reset', { seedUsers: 12 })).status).toBe(204);
	const first = (await control.get('/__sandbox/state')).json;
	expect(first.users).toHaveLength(12);
	expect(first.groups).toEqual([]);
	expect(first.accounts).toHaveLength(12);
	expect(dir.list()).toHaveLength(12);
	expect(dir.idByUserName('extra@example.com')).toBeUndefined();
	sandbox.reset({ seedUsers: 12 });
	const second = (await control.get('/__sandbox/state')).json;
	expect(second.users.map((u: any) => u.id)).toEqual(first.users.map((u: any) => u.id));
	expect(second.users).toEqual(first.users);
	sandbox.reset();
	expect(sandbox.store.users('dir-main')).toEqual([]);
	expect((await control.post('/__sandbox/reset', {})).status).toBe(204);
	expect((await control.post('/__sandbox/reset', { seedUsers: -1 })).status).toBe(400);
	sandbox.reset({ seedUsers: 4 });
});

test('POST configure: latency, rate limit and the group options; bad values are 400', async () => {
	expect((await control.post('/__sandbox/configure', { latencyMs: 120 })).status).toBe(204);
	expect((await expectHeldFor(sandbox, 120, async () => await api.get('/Users?count=1'))).status).toBe(200);
	await control.post('/__sandbox/configure', { latencyMs: 0, rateLimit: { requestsPerSecond: 1, headers: 'none' } });
	expect((await api.get('/Users?count=1')).status).toBe(200);
	const refused = await api.get('/Users?count=1');
	expect(refused.status).toBe(429);
	expect(refused.headers.get('retry-after')).toBeNull();
	await control.post('/__sandbox/configure', { rateLimit: null, groupMemberNotFound: 400, memberRemoveForms: 'filter-path' });
	const group = (await api.post('/Groups', { displayName: 'configured' })).json;
	expect((await api.patch(`/Groups/${group.id}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: 'ghost' }] }] })).status).toBe(400);
	expect((await api.patch(`/Groups/${group.id}`, { Operations: [{ op: 'remove', path: 'members', value: [{ value: 'x' }] }] })).json.scimType).toBe('invalidValue');
	for (const bad of [{ latencyMs: -1 }, { rateLimit: { requestsPerSecond: 0 } }, { groupMemberNotFound: 500 }, { memberRemoveForms: 'sometimes' }, { pageCap: 5 }]) {
		const response = await control.post('/__sandbox/configure', bad);
		expect(response.status).toBe(400);
		expect(response.json.error).toEqual(expect.any(String));
	}
	expect(() => sandbox.configure({ latencyMs: Number.NaN })).toThrow();
});

test('POST faults (an array or one spec) and DELETE faults', async () => {
	expect((await control.post('/__sandbox/faults', [{ kind: '503', count: 1 }])).status).toBe(204);
	expect((await api.get('/Users')).status).toBe(503);
	await control.post('/__sandbox/faults', { kind: '500', method: 'GET' });
	expect((await api.get('/Users')).status).toBe(500);
	expect((await control.call('DELETE', '/__sandbox/faults')).status).toBe(204);
	expect((await api.get('/Users')).status).toBe(200);
	expect((await control.post('/__sandbox/faults', [{ kind: 'bogus' }])).status).toBe(400);
	expect((await api.get('/Users')).status).toBe(200);
});

test('GET stats and POST stats/reset; control calls are not counted', async () => {
	await control.post('/__sandbox/stats/reset');
	await control.post('/__sandbox/faults', [{ kind: '429', count: 1 }]);
	await api.get('/Users');
	await api.get('/Users');
	const stats = (await control.get('/__sandbox/stats')).json;
	expect(stats).toEqual({ requests: 2, byStatus: { '200': 1, '429': 1 }, inFlight: 0, maxInFlight: 1, rateLimited: 0, faultsInjected: 1, faultsByKind: { '429': 1 } });
	await control.post('/__sandbox/stats/reset');
	expect((await control.get('/__sandbox/stats')).json.requests).toBe(0);
	expect(sandbox.requests.some((r) => r.path.startsWith('/__sandbox'))).toBe(false);
});

test('control calls are answered at once, even while latency and faults apply to the API', async () => {
	// A sandbox of its own: its API request waits ten minutes (then would be dropped) and is ended by close().
	const busy = await startSandbox({ latencyMs: 600_000 });
	try {
		busy.injectFaults([{ kind: 'drop' }]);
		const pending = http(busy)
			.get('/Users')
			.catch(() => undefined);
		while (busy.stats().inFlight === 0) await sleep(5);
		// Answered while the API request is still waiting: neither the latency nor the fault applied to it.
		const stats = await http(busy, null).get('/__sandbox/stats');
		expect(stats.status).toBe(200);
		expect(stats.json).toMatchObject({ requests: 1, inFlight: 1, faultsInjected: 1 });
		expect(busy.requests).toHaveLength(0);
		void pending;
	} finally {
		await busy.close();
	}
});

test('unknown control routes are 404; invalid JSON is 400', async () => {
	expect((await control.get('/__sandbox/nothing')).status).toBe(404);
	expect((await control.call('PUT', '/__sandbox/state')).status).toBe(404);
	expect((await control.post('/__sandbox/configure', '{oops')).status).toBe(400);
});

test('close() ends requests still waiting on latency and frees the port', async () => {
	// Ten minutes of latency: a close() that waited for it would not end within the test's timeout.
	const doomed = await startSandbox({ latencyMs: 600_000 });
	const pending = http(doomed)
		.get('/Users')
		.then(() => 'answered', (error: Error) => `failed: ${error.message}`);
	while (doomed.stats().inFlight === 0) await sleep(5);
	await doomed.close();
	expect(await pending).toMatch(/^failed/);
	// The request waiting on latency was ended: it no longer counts as in flight.
	expect(doomed.stats().inFlight).toBe(0);
	await expect(fetch(`${doomed.url}/__sandbox/stats`)).rejects.toThrow();
});
