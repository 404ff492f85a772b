import { startSandbox, type Sandbox } from '../../sandbox';
import { http, PATCH } from './client';

let sandbox: Sandbox;
let api: ReturnType<typeof http>;
let users: string[];
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 20 });
	api = http(sandbox);
	users = sandbox.store.users(sandbox.directoryId).map((u) => u.id);
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.configure({ memberRemoveForms: 'both', groupMemberNotFound: 404 }));

const create = async (displayName: string, members: string[] = []) =>
	await api.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: members.map((value) => ({ value })) });

test('create, get with members, list with the displayName filter', async () => {
	const created = await create('designers', users.slice(0, 2));
	expect(created.status).toBe(201);
	const got = await api.get(`/Groups/${created.json.id}`);
	expect(got.json.members).toEqual(users.slice(0, 2).map((id, n) => ({ type: 'User', value: id, display: `user0000${n + 1}@example.com`, $ref: expect.stringContaining(id) })));
	const listed = await api.get(`/Groups?filter=${encodeURIComponent('displayName eq "DESIGNERS"')}`);
	expect(listed.json.Resources.map((g: any) => g.id)).toEqual([created.json.id]);
	expect((await api.get(`/Groups?filter=${encodeURIComponent('id eq "x"')}`)).json.scimType).toBe('invalidFilter');
	const user = await api.get(`/Users/${users[0]}`);
	expect(user.json.groups).toEqual([expect.objectContaining({ value: created.json.id, display: 'designers' })]);
});

test('409 on a duplicate name (any case) and on org/site group names SCIM cannot list; 400 for unknown members', async () => {
	await create('dupe');
	const dupe = await create('DUPE');
	expect(dupe.status).toBe(409);
	expect(dupe.json.detail).toBe('Resource [GROUP]: with displayName already exists.');
	expect((await create('site-admins')).status).toBe(409);
	const unknown = await create('with-ghost', ['ghost-id']);
	expect(unknown.status).toBe(400);
	expect(unknown.json.detail).toContain('ghost-id');
});

test('PATCH add is idempotent; both remove forms work; a form the option refuses is 400', async () => {
	const group = (await create('patchers')).json;
	await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: users.slice(0, 4).map((value) => ({ value })) }] });
	await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: users[0] }] }] });
	expect(sandbox.store.groups(sandbox.directoryId).find((g) => g.id === group.id)!.members.size).toBe(4);
	const byFilter = await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${users[0]}"]` }] });
	expect(byFilter.json.members.map((m: any) => m.value)).toEqual(users.slice(1, 4));
	const byValue = await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: 'members', value: [{ value: users[1] }] }] });
	expect(byValue.json.members.map((m: any) => m.value)).toEqual(users.slice(2, 4));
	sandbox.configure({ memberRemoveForms: 'filter-path' });
	expect((await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: 'members', value: [{ value: users[2] }] }] })).status).toBe(400);
	sandbox.configure({ memberRemoveForms: 'value-array' });
	expect((await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'remove', path: `members[value eq "${users[2]}"]` }] })).json.scimType).toBe('invalidPath');
	expect(sandbox.store.groups(sandbox.directoryId).find((g) => g.id === group.id)!.members.size).toBe(2);
});

test('no rename by PATCH or PUT; unknown members: PATCH 404 (or 400 by option), PUT 400 in the Java-ish shape', async () => {
	const group = (await create('fixed-name')).json;
	expect((await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] })).json.scimType).toBe('mutability');
	expect((await api.put(`/Groups/${group.id}`, { displayName: 'renamed' })).json.scimType).toBe('mutability');
	const missing = await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: 'nobody-1' }] }] });
	expect(missing.status).toBe(404);
	expect(missing.json.detail).toContain('nobody-1');
	sandbox.configure({ groupMemberNotFound: 400 });
	expect((await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: [{ value: 'nobody-1' }] }] })).status).toBe(400);
	const put = await api.put(`/Groups/${group.id}`, { displayName: 'fixed-name', members: [{ value: 'nobody-2' }] });
	expect(put.json).toEqual({ message: 'users referenced do not exist: nobody-2', scimErrorType: 'invalidValue', responseStatus: 'BAD_REQUEST' });
	const replaced = await api.put(`/Groups/${group.id}`, { displayName: 'fixed-name', members: [{ value: users[5] }] });
	expect(replaced.json.members.map((m: any) => m.value)).toEqual([users[5]]);
});

test('DELETE is 204 then 404; deleting a user removes its memberships', async () => {
	const group = (await create('short-lived', [users[10], users[11]])).json;
	await api.delete(`/Users/${users[11]}`);
	expect((await api.get(`/Groups/${group.id}`)).json.members.map((m: any) => m.value)).toEqual([users[10]]);
	expect((await api.delete(`/Groups/${group.id}`)).status).toBe(204);
	expect((await api.get(`/Groups/${group.id}`)).status).toBe(404);
});

test('35,000-member scale: adding 5,000 members in one PATCH is quick', async () => {
	const big = await startSandbox({ seedUsers: 5000 });
	try {
		const client = http(big);
		const ids = big.store.users(big.directoryId).map((u) => u.id);
		const group = (await client.post('/Groups', { displayName: 'everyone' })).json;
		const started = Date.now();
		const response = await client.patch(`/Groups/${group.id}`, { schemas: [PATCH], Operations: [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }] });
		expect(response.json.members).toHaveLength(5000);
		expect(Date.now() - started).toBeLessThan(3000);
	} finally {
		await big.close();
	}
});

test('ServiceProviderConfig, Schemas and ResourceTypes', async () => {
	expect((await api.get('/ServiceProviderConfig')).json).toMatchObject({ patch: { supported: true }, bulk: { supported: false }, sort: { supported: false } });
	expect((await api.get('/Schemas')).json.totalResults).toBe(3);
	expect((await api.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).json.name).toBe('User');
	expect((await api.get('/ResourceTypes/Group')).json.endpoint).toBe('/Groups');
});
