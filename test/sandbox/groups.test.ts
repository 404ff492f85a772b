import { startSandbox, type Sandbox } from '../../sandbox';
import { CORE_GROUP, ERROR, http, LIST, PATCH, patchOps, q, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
let users: string[];
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 40 });
	api = http(sandbox);
	users = sandbox.store.users(sandbox.directoryId).map((u) => u.id);
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.configure({ memberRemoveForms: 'both', groupMemberNotFound: 404 }));

let counter = 0;
const create = async (displayName = `group-${++counter}`, members: string[] = [], extra: Record<string, unknown> = {}) =>
	await api.post('/Groups', { schemas: [CORE_GROUP], displayName, members: members.map((value) => ({ value })), ...extra });
const memberIds = (response: { json: any }) => response.json.members.map((m: any) => m.value);
const storedMembers = (id: string) => [...sandbox.store.directory(sandbox.directoryId)!.groups.get(id)!.members];

describe('POST /Groups', () => {
	test('201 with id, displayName, externalId, members and meta', async () => {
		const response = await create('designers', users.slice(0, 2), { externalId: 'okta-grp-1' });
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe('application/scim+json');
		expect(response.json).toEqual({
			schemas: [CORE_GROUP],
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			displayName: 'designers',
			externalId: 'okta-grp-1',
			members: users.slice(0, 2).map((id, n) => ({ type: 'User', value: id, display: `user0000${n + 1}@example.com`, $ref: `${sandbox.scimBaseUrl}/Users/${id}` })),
			meta: { resourceType: 'Group', created: expect.any(String), lastModified: expect.any(String), location: `${sandbox.scimBaseUrl}/Groups/${response.json.id}` },
		});
	});

	test('409 for a taken name in any case, and for org/site group names SCIM cannot list', async () => {
		await create('dupe');
		const dupe = await create('DUPE');
		expect(dupe.status).toBe(409);
		expect(dupe.json).toEqual({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: 'Resource [GROUP]: with displayName already exists.' });
		for (const reserved of ['site-admins', 'Jira-Software-Users', 'confluence-users']) expect((await create(reserved)).status).toBe(409);
		expect((await api.get(`/Groups?${q('displayName eq "site-admins"')}`)).json.totalResults).toBe(0);
	});

	test('the reservedGroupNames option', async () => {
		const custom = await startSandbox({ reservedGroupNames: ['administrators'] });
		try {
			const client = http(custom);
			expect((await client.post('/Groups', { displayName: 'Administrators' })).status).toBe(409);
			expect((await client.post('/Groups', { displayName: 'site-admins' })).status).toBe(201);
		} finally {
			await custom.close();
		}
	});

	test('400 naming unknown members, and nothing is created; 400 without a displayName', async () => {
		const unknown = await create('with-ghost', [users[0], 'ghost-id']);
		expect(unknown.status).toBe(400);
		expect(unknown.json).toMatchObject({ status: '400', scimType: 'invalidValue' });
		expect(unknown.json.detail).toContain('ghost-id');
		expect(unknown.json.detail).not.toContain(users[0]);
		expect((await api.get(`/Groups?${q('displayName eq "with-ghost"')}`)).json.totalResults).toBe(0);
		expect((await api.post('/Groups', { members: [] })).json.scimType).toBe('invalidValue');
		expect((await api.post('/Groups', { displayName: '  ' })).status).toBe(400);
	});
});

describe('GET /Groups', () => {
	test('the displayName filter is case-insensitive; other filters are 400 invalidFilter', async () => {
		const group = (await create('Filter-Me')).json;
		const listed = await api.get(`/Groups?${q('DisplayName eq "filter-me"')}`);
		expect(listed.json).toMatchObject({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 1 });
		expect(listed.json.Resources[0].id).toBe(group.id);
		for (const filter of ['id eq "x"', 'displayName co "x"', 'displayName eq "a" or displayName eq "b"', 'externalId eq "x"']) {
			expect((await api.get(`/Groups?${q(filter)}`)).json).toMatchObject({ status: '400', scimType: 'invalidFilter' });
		}
	});

	test('paging in creation order', async () => {
		const fresh = await startSandbox();
		try {
			const client = http(fresh);
			for (let n = 1; n <= 7; n++) await client.post('/Groups', { displayName: `g${n}` });
			const page = await client.get('/Groups?startIndex=3&count=2');
			expect(page.json).toMatchObject({ totalResults: 7, startIndex: 3, itemsPerPage: 2 });
			expect(page.json.Resources.map((g: any) => g.displayName)).toEqual(['g3', 'g4']);
			expect((await client.get('/Groups?count=0')).json).toMatchObject({ totalResults: 7, Resources: [] });
		} finally {
			await fresh.close();
		}
	});

	test('GET /Groups/{id} with members; the user side lists the group; unknown is 404', async () => {
		const group = (await create('both-sides', [users[3]])).json;
		expect(memberIds(await api.get(`/Groups/${group.id}`))).toEqual([users[3]]);
		expect((await api.get(`/Users/${users[3]}`)).json.groups).toEqual([{ type: 'direct', value: group.id, display: 'both-sides', $ref: `${sandbox.scimBaseUrl}/Groups/${group.id}` }]);
		const missing = await api.get('/Groups/nope');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({ schemas: [ERROR], status: '404', detail: 'Resource [GROUP]: with id[nope] not found.' });
	});
});

describe('PATCH /Groups/{id}', () => {
	test('add is idempotent and keeps the order of first addition', async () => {
		const group = (await create()).json;
		const first = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'add', path: 'members', value: users.slice(0, 4).map((value) => ({ value })) }));
		expect(first.status).toBe(200);
		const again = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'add', path: 'members', value: [{ value: users[0] }, { value: users[0], display: 'dup' }] }));
		expect(memberIds(again)).toEqual(users.slice(0, 4));
		expect(storedMembers(group.id)).toEqual(users.slice(0, 4));
	});

	test('both remove forms work by default, also in one request with an add', async () => {
		const group = (await create(undefined, users.slice(0, 4))).json;
		const byFilter = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: `members[value eq "${users[0]}"]` }));
		expect(memberIds(byFilter)).toEqual(users.slice(1, 4));
		const byValue = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members', value: [{ value: users[1] }] }, { op: 'Add', path: 'members', value: [{ value: users[9] }] }));
		expect(memberIds(byValue)).toEqual([users[2], users[3], users[9]]);
		const notMember = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members', value: [{ value: users[20] }] }));
		expect(notMember.status).toBe(200);
	});

	test('memberRemoveForms: a form the server does not accept is 400 and removes nothing', async () => {
		const group = (await create(undefined, users.slice(0, 3))).json;
		sandbox.configure({ memberRemoveForms: 'filter-path' });
		const valueArray = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members', value: [{ value: users[0] }] }));
		expect(valueArray.status).toBe(400);
		expect(valueArray.json.scimType).toBe('invalidValue');
		expect((await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: `members[value eq "${users[0]}"]` }))).status).toBe(200);
		sandbox.configure({ memberRemoveForms: 'value-array' });
		const filterPath = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: `members[value eq "${users[1]}"]` }));
		expect(filterPath.status).toBe(400);
		expect(filterPath.json.scimType).toBe('invalidPath');
		expect((await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members', value: [{ value: users[1] }] }))).status).toBe(200);
		expect(storedMembers(group.id)).toEqual([users[2]]);
	});

	test('memberRemoveForms set at start', async () => {
		const strict = await startSandbox({ seedUsers: 2, memberRemoveForms: 'filter-path' });
		try {
			const client = http(strict);
			const ids = strict.store.users(strict.directoryId).map((u) => u.id);
			const group = (await client.post('/Groups', { displayName: 'g', members: ids.map((value) => ({ value })) })).json;
			expect((await client.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members', value: [{ value: ids[0] }] }))).status).toBe(400);
		} finally {
			await strict.close();
		}
	});

	test('unknown members: 404 by default with the id in the detail, 400 when configured; nothing changes', async () => {
		const group = (await create()).json;
		const missing = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'add', path: 'members', value: [{ value: users[5] }, { value: 'nobody-1' }] }));
		expect(missing.status).toBe(404);
		expect(missing.json).toMatchObject({ schemas: [ERROR], status: '404' });
		expect(missing.json.detail).toContain('nobody-1');
		expect(storedMembers(group.id)).toEqual([]);
		expect((await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members[value eq "nobody-2"]' }))).status).toBe(404);
		sandbox.configure({ groupMemberNotFound: 400 });
		const bad = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'add', path: 'members', value: [{ value: 'nobody-3' }] }));
		expect(bad.status).toBe(400);
		expect(bad.json.detail).toContain('nobody-3');
	});

	test('no rename: replacing displayName is 400 mutability (the same name is a no-op)', async () => {
		const group = (await create('fixed-name')).json;
		for (const operation of [{ op: 'replace', path: 'displayName', value: 'renamed' }, { op: 'replace', value: { displayName: 'renamed' } }, { op: 'remove', path: 'displayName' }]) {
			const response = await api.patch(`/Groups/${group.id}`, patchOps(operation));
			expect(response.status).toBe(400);
			expect(response.json.scimType).toBe('mutability');
		}
		expect((await api.patch(`/Groups/${group.id}`, patchOps({ op: 'replace', value: { id: group.id, displayName: 'fixed-name' } }))).status).toBe(200);
		expect((await api.get(`/Groups/${group.id}`)).json.displayName).toBe('fixed-name');
	});

	test('lower-case operations, replace of members, remove of all members; bad bodies are 400', async () => {
		const group = (await create(undefined, users.slice(0, 3))).json;
		const replaced = await api.patch(`/Groups/${group.id}`, { schemas: [PATCH], operations: [{ op: 'replace', path: 'members', value: [{ value: users[7] }] }] });
		expect(memberIds(replaced)).toEqual([users[7]]);
		expect(memberIds(await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members' })))).toEqual([]);
		expect((await api.patch(`/Groups/${group.id}`, patchOps({ op: 'add', path: 'owners', value: [] }))).json.scimType).toBe('invalidPath');
		expect((await api.patch(`/Groups/${group.id}`, patchOps({ op: 'add', path: 'members', value: [{ id: 'x' }] }))).json.scimType).toBe('invalidValue');
		expect((await api.patch(`/Groups/${group.id}`, { schemas: [PATCH] })).json.scimType).toBe('invalidSyntax');
		expect((await api.patch('/Groups/nope', patchOps({ op: 'add', path: 'members', value: [{ value: users[0] }] }))).status).toBe(404);
	});

	test('an id with a quote is found through the escaped filter path', async () => {
		const group = (await create(undefined, [users[0]])).json;
		const response = await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: `members[value eq ${JSON.stringify(users[0])}]` }));
		expect(memberIds(response)).toEqual([]);
		expect((await api.patch(`/Groups/${group.id}`, patchOps({ op: 'remove', path: 'members[value eq "a\\"b"]' }))).json.detail).toContain('a"b');
	});
});

describe('PUT /Groups/{id}', () => {
	test('replaces the membership', async () => {
		const group = (await create('put-me', users.slice(0, 3))).json;
		const response = await api.put(`/Groups/${group.id}`, { schemas: [CORE_GROUP], displayName: 'put-me', members: [{ value: users[2] }, { value: users[5] }] });
		expect(response.status).toBe(200);
		expect(memberIds(response)).toEqual([users[2], users[5]]);
		expect((await api.get(`/Users/${users[0]}`)).json.groups.map((g: any) => g.value)).not.toContain(group.id);
		expect(memberIds(await api.put(`/Groups/${group.id}`, { displayName: 'put-me' }))).toEqual([]);
	});

	test('unknown members: 400 in the spec\'s Java-ish shape; a different displayName is 400 mutability', async () => {
		const group = (await create('put-fixed', [users[1]])).json;
		const unknown = await api.put(`/Groups/${group.id}`, { displayName: 'put-fixed', members: [{ value: 'nobody-2' }, { value: users[0] }] });
		expect(unknown.status).toBe(400);
		expect(unknown.json).toEqual({ message: 'users referenced do not exist: nobody-2', scimErrorType: 'invalidValue', responseStatus: 'BAD_REQUEST' });
		expect(storedMembers(group.id)).toEqual([users[1]]);
		const renamed = await api.put(`/Groups/${group.id}`, { displayName: 'renamed', members: [] });
		expect(renamed.status).toBe(400);
		expect(renamed.json).toMatchObject({ status: '400', scimType: 'mutability' });
		expect(storedMembers(group.id)).toEqual([users[1]]);
	});
});

describe('DELETE /Groups/{id}', () => {
	test('204, then 404; the users no longer list it', async () => {
		const group = (await create('short-lived', [users[10], users[11]])).json;
		expect((await api.delete(`/Groups/${group.id}`)).status).toBe(204);
		expect((await api.get(`/Groups/${group.id}`)).status).toBe(404);
		expect((await api.delete(`/Groups/${group.id}`)).status).toBe(404);
		expect((await api.get(`/Users/${users[10]}`)).json.groups).toEqual([]);
		expect((await create('short-lived')).status).toBe(201); // the name is free again
	});

	test('deleting a user removes it from its groups', async () => {
		const group = (await create(undefined, [users[12], users[13]])).json;
		await api.delete(`/Users/${users[13]}`);
		expect(memberIds(await api.get(`/Groups/${group.id}`))).toEqual([users[12]]);
	});
});

describe('discovery endpoints', () => {
	test('ServiceProviderConfig: patch yes; bulk, sort, etag no; filter maxResults = page cap', async () => {
		const config = (await api.get('/ServiceProviderConfig')).json;
		expect(config).toMatchObject({
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
			patch: { supported: true },
			bulk: { supported: false },
			filter: { supported: true, maxResults: 100 },
			sort: { supported: false },
			etag: { supported: false },
			changePassword: { supported: false },
		});
	});

	test('Schemas: the list and the three schema URNs', async () => {
		const list = (await api.get('/Schemas')).json;
		expect(list).toMatchObject({ schemas: [LIST], totalResults: 3, itemsPerPage: 3 });
		for (const [urn, name] of [
			['urn:ietf:params:scim:schemas:core:2.0:User', 'User'],
			['urn:ietf:params:scim:schemas:core:2.0:Group', 'Group'],
			['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', 'EnterpriseUser'],
		]) {
			expect((await api.get(`/Schemas/${urn}`)).json).toMatchObject({ id: urn, name });
		}
		expect((await api.get('/Schemas/urn:nope')).status).toBe(404);
	});

	test('ResourceTypes: the list, User and Group', async () => {
		expect((await api.get('/ResourceTypes')).json.totalResults).toBe(2);
		expect((await api.get('/ResourceTypes/User')).json).toMatchObject({ endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' });
		expect((await api.get('/ResourceTypes/Group')).json.endpoint).toBe('/Groups');
	});
});
