/** Size and speed: seeding, paging and lookups at 50,000 users, groups of 35,000 members. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { http, newUser, patchOps, q, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
let seedMs: number;
beforeAll(async () => {
	const started = Date.now();
	sandbox = await startSandbox({ seedUsers: 50_000 });
	seedMs = Date.now() - started;
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());

test('50,000 deterministic users seed in about two seconds at most', () => {
	expect(seedMs).toBeLessThan(3000);
	const users = sandbox.store.users(sandbox.directoryId);
	expect(users).toHaveLength(50_000);
	expect(users[49_999]).toMatchObject({ userName: 'user50000@example.com', externalId: 'ext-50000', active: true });
	expect(users.filter((u) => !u.active)).toHaveLength(Math.floor(50_000 / 7));
});

test('10,000 users seed quickly, with the same ids as any other run', async () => {
	const started = Date.now();
	const small = await startSandbox({ seedUsers: 10_000 });
	try {
		expect(Date.now() - started).toBeLessThan(1500);
		expect(small.store.users(small.directoryId).slice(0, 100).map((u) => u.id)).toEqual(sandbox.store.users(sandbox.directoryId).slice(0, 100).map((u) => u.id));
		const last = await http(small).get('/Users?startIndex=9901&count=100');
		expect(last.json).toMatchObject({ totalResults: 10_000, itemsPerPage: 100 });
		expect(last.json.Resources[99].userName).toBe('user10000@example.com');
	} finally {
		await small.close();
	}
});

test('deep pages cost no more than the first page', async () => {
	const time = async (start: number) => {
		const began = process.hrtime.bigint();
		for (let n = 0; n < 20; n++) {
			const page = await api.get(`/Users?startIndex=${start}&count=100`);
			expect(page.json.itemsPerPage).toBe(100);
		}
		return Number(process.hrtime.bigint() - began) / 1e6;
	};
	await time(1); // warm-up
	const first = await time(1);
	const deep = await time(49_801);
	expect(deep).toBeLessThan(first * 3 + 50);
	expect((await api.get('/Users?startIndex=49901&count=100')).json.Resources[99].userName).toBe('user50000@example.com');
});

test('filter lookups are index hits', async () => {
	const started = Date.now();
	for (let n = 1; n <= 200; n++) {
		const id = String(n * 250).padStart(5, '0');
		const response = await api.get(`/Users?${q(`externalId eq "ext-${id}"`)}`);
		expect(response.json.Resources[0].userName).toBe(`user${id}@example.com`);
	}
	expect(Date.now() - started).toBeLessThan(3000);
});

test('creating, deleting and paging keep working at size, without a full rebuild per request', async () => {
	const started = Date.now();
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
	expect(Date.now() - started).toBeLessThan(5000);
});

test('a group of 35,000 members: chunked adds, and single removals stay cheap', async () => {
	const ids = sandbox.store.users(sandbox.directoryId).slice(0, 35_000).map((u) => u.id);
	const group = (await api.post('/Groups', { displayName: 'everyone' })).json;
	const started = Date.now();
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
	expect(Date.now() - started).toBeLessThan(8000);
	expect((await api.get(`/Users/${ids[10]}`)).json.groups.map((g: any) => g.value)).toEqual([group.id]);
	expect((await api.get(`/Users/${ids[0]}`)).json.groups).toEqual([]);
});
