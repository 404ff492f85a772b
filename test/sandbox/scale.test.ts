/**
 * Size: seeding, paging and lookups at 50,000 users, groups of 35,000 members. What makes them cheap is checked by
 * counting the work that would make them expensive (a full listing, an index rebuild, a member touched that was not
 * named), not by the clock; how fast they are is the bench's business.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { OrderedIndex } from '../../sandbox/orderedIndex';
import { DirectoryStore } from '../../sandbox/store';
import { http, newUser, patchOps, q, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 50_000 });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());
afterEach(() => jest.restoreAllMocks());

/** Spies on the O(n) paths: a full listing of the users (store or index) and index rebuilds. */
function fullWork() {
	return {
		list: jest.spyOn(DirectoryStore.prototype, 'list'),
		values: jest.spyOn(OrderedIndex.prototype, 'values'),
		rebuild: jest.spyOn(OrderedIndex.prototype as unknown as { rebuild: () => void }, 'rebuild'),
		compact: jest.spyOn(OrderedIndex.prototype as unknown as { compact: () => void }, 'compact'),
	};
}

test('50,000 deterministic users', () => {
	const users = sandbox.store.users(sandbox.directoryId);
	expect(users).toHaveLength(50_000);
	expect(users[49_999]).toMatchObject({ userName: 'user50000@example.com', externalId: 'ext-50000', active: true });
	expect(users.filter((u) => !u.active)).toHaveLength(Math.floor(50_000 / 7));
});

test('10,000 users seed with the same ids as any other run', async () => {
	const small = await startSandbox({ seedUsers: 10_000 });
	try {
		expect(small.store.users(small.directoryId).slice(0, 100).map((u) => u.id)).toEqual(sandbox.store.users(sandbox.directoryId).slice(0, 100).map((u) => u.id));
		const last = await http(small).get('/Users?startIndex=9901&count=100');
		expect(last.json).toMatchObject({ totalResults: 10_000, itemsPerPage: 100 });
		expect(last.json.Resources[99].userName).toBe('user10000@example.com');
	} finally {
		await small.close();
	}
});

test('deep pages cost no more than the first page: no full listing, a page is found through the index', async () => {
	const work = fullWork();
	for (const start of [1, 25_001, 49_801]) {
		const page = await api.get(`/Users?startIndex=${start}&count=100`);
		expect(page.json.itemsPerPage).toBe(100);
	}
	expect((await api.get('/Users?startIndex=49901&count=100')).json.Resources[99].userName).toBe('user50000@example.com');
	expect([work.list, work.values, work.rebuild, work.compact].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0, 0]);
});

test('filter lookups are index hits', async () => {
	const work = fullWork();
	for (let n = 1; n <= 200; n++) {
		const id = String(n * 250).padStart(5, '0');
		const response = await api.get(`/Users?${q(`externalId eq "ext-${id}"`)}`);
		expect(response.json.Resources[0].userName).toBe(`user${id}@example.com`);
	}
	expect([work.list, work.values].map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
});

test('creating, deleting and paging keep working at size, without a full rebuild per request', async () => {
	const work = fullWork();
	const created: string[] = [];
	for (let n = 0; n < 100; n++) {
		created.push((await api.post('/Users', newUser(`scale.${n}@example.com`))).json.id);
		const last = await api.get('/Users?startIndex=50001&count=100');
		expect(last.json.Resources[last.json.Resources.length - 1].id).toBe(created[n]);
	}
	for (const id of created.slice(0, 50)) await api.delete(`/Users/${id}`);
	const tail = await api.get('/Users?startIndex=50001&count=100');
	expect(tail.json.Resources.map((u: any) => u.id)).toEqual(created.slice(50));
	expect(tail.json.totalResults).toBe(50_050);
	// 300 requests, no listing; the index grows by doubling, so 100 more users rebuild it once at most.
	expect([work.list, work.values, work.compact].map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0]);
	expect(work.rebuild.mock.calls.length).toBeLessThanOrEqual(1);
});

test('a group of 35,000 members: chunked adds, and single removals stay cheap', async () => {
	const ids = sandbox.store.users(sandbox.directoryId).slice(0, 35_000).map((u) => u.id);
	const group = (await api.post('/Groups', { displayName: 'everyone' })).json;
	const added = jest.spyOn(DirectoryStore.prototype, 'addMember');
	const removed = jest.spyOn(DirectoryStore.prototype, 'removeMember');
	for (let at = 0; at < ids.length; at += 5000) {
		const response = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'add', path: 'members', value: ids.slice(at, at + 5000).map((value) => ({ value })) }));
		expect(response.status).toBe(200);
	}
	const full = (await api.get(`/Groups/${group.id}`)).json;
	expect(full.members).toHaveLength(35_000);
	for (const id of ids.slice(0, 5)) {
		const response = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: `members[value eq "${id}"]` }));
		expect(response.json.members).toHaveLength(35_000 - ids.indexOf(id) - 1);
	}
	// Each named member is touched once, and nothing else: a removal does not rebuild the membership.
	expect(added).toHaveBeenCalledTimes(35_000);
	expect(removed).toHaveBeenCalledTimes(5);
	expect((await api.get(`/Users/${ids[10]}`)).json.groups.map((g: any) => g.value)).toEqual([group.id]);
	expect((await api.get(`/Users/${ids[0]}`)).json.groups).toEqual([]);
});
