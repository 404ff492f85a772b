import { startSandbox, type Sandbox } from '../../sandbox';
import { ENTERPRISE, ERROR, EXTERNAL, freshEmail, http, newUser, PATCH, patchOps, q, type Client } from './client';

let sandbox: Sandbox;
let api: Client;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 10 });
	api = http(sandbox);
});
afterAll(async () => await sandbox.close());

/** A full user, created over HTTP. */
const one = async (email = freshEmail('p'), extra: Record<string, unknown> = {}) => {
	const response = await api.post(
		'/Users',
		newUser(email, {
			title: 'Old title',
			displayName: 'Keep Me',
			nickName: 'Nick',
			timezone: 'Europe/Berlin',
			name: { givenName: 'Old', familyName: 'Name' },
			phoneNumbers: [{ value: '+49 30 1234', type: 'work', primary: true }],
			[ENTERPRISE]: { department: 'Dept', organization: 'Org' },
			...extra,
		}),
	);
	expect(response.status).toBe(201);
	return response.json;
};
const stored = (id: string) => sandbox.store.directory(sandbox.directoryId)!.users.get(id);
const accountOf = (user: any) => sandbox.store.accounts.get(user[EXTERNAL].atlassianAccountId)!;
const addGroup = async (name: string, members: string[]) =>
	(await api.post('/Groups', { displayName: name, members: members.map((value) => ({ value })) })).json;

describe('PUT /Users/{id}', () => {
	test('replaces: what is not sent is cleared; id, created, account link and memberships stay', async () => {
		const user = await one();
		const group = await addGroup(`put-${user.id}`, [user.id]);
		const response = await api.put(`/Users/${user.id}`, newUser(user.userName, { displayName: 'Only Name Left' }));
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ id: user.id, userName: user.userName, displayName: 'Only Name Left', active: true, [EXTERNAL]: user[EXTERNAL] });
		for (const gone of ['title', 'nickName', 'timezone', 'name', 'phoneNumbers', 'department', 'organization', ENTERPRISE]) expect(response.json[gone]).toBeUndefined();
		expect(response.json.meta.created).toBe(user.meta.created);
		expect(response.json.groups).toEqual([expect.objectContaining({ value: group.id })]);
		expect(stored(user.id)!.title).toBeUndefined();
	});

	test('read-only attributes in the body are ignored', async () => {
		const user = await one();
		const response = await api.put(`/Users/${user.id}`, { ...newUser(user.userName), id: 'other', meta: { created: 'x' }, [EXTERNAL]: { atlassianAccountId: 'f'.repeat(24) }, groups: [{ value: 'g' }] });
		expect(response.json).toMatchObject({ id: user.id, [EXTERNAL]: user[EXTERNAL], groups: [] });
		expect(response.json.meta.created).toBe(user.meta.created);
	});

	test('userName and a primary email are required; 409 on a taken userName or email; 404 for an unknown id', async () => {
		const user = await one();
		expect((await api.put(`/Users/${user.id}`, { emails: user.emails })).json.scimType).toBe('invalidValue');
		expect((await api.put(`/Users/${user.id}`, { userName: user.userName })).json.detail).toBe('one email address has to be marked as the primary');
		const taken = await api.put(`/Users/${user.id}`, newUser('user00002@example.com', { emails: user.emails }));
		expect(taken.status).toBe(409);
		expect(taken.json.detail).toBe('Resource [USER]: with userName[user00002@example.com] already exists.');
		expect((await api.put(`/Users/${user.id}`, newUser(user.userName, { emails: [{ value: 'user00003@example.com', primary: true }] }))).status).toBe(409);
		expect((await api.put('/Users/nope', newUser(user.userName))).status).toBe(404);
		expect(stored(user.id)!.title).toBe('Old title');
	});

	test('an invalid timezone is ignored: the previous value stays', async () => {
		const user = await one();
		const response = await api.put(`/Users/${user.id}`, newUser(user.userName, { timezone: 'Berlin' }));
		expect(response.status).toBe(200);
		expect(response.json.timezone).toBe('Europe/Berlin');
	});
});

describe('PATCH /Users/{id}', () => {
	test('replace/add/remove with simple, dotted, URN-qualified and path-less forms; op names in any case', async () => {
		const user = await one();
		const response = await api.patch(
			`/Users/${user.id}`,
			patchOps(
				{ op: 'Replace', path: 'title', value: 'New title' },
				{ op: 'ADD', path: 'name.givenName', value: 'Given' },
				{ op: 'replace', path: `${ENTERPRISE}:organization`, value: 'New Org' },
				{ op: 'remove', path: 'nickName' },
				{ op: 'replace', value: { displayName: 'Path Less', name: { familyName: 'Family' } } },
				{ op: 'replace', path: 'active', value: 'False' },
			),
		);
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({
			id: user.id,
			title: 'New title',
			displayName: 'Path Less',
			name: { givenName: 'Given', familyName: 'Family' },
			active: false,
			organization: 'New Org',
			[ENTERPRISE]: { department: 'Dept', organization: 'New Org' },
			timezone: 'Europe/Berlin',
		});
		expect(response.json.nickName).toBeUndefined();
		expect(Date.parse(response.json.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(user.meta.lastModified));
	});

	test('path-less value with a whole extension object and with URN-qualified keys (as Entra ID sends)', async () => {
		const user = await one();
		const whole = await api.patch(`/Users/${user.id}`, patchOps({ op: 'add', value: { [ENTERPRISE]: { department: 'Whole', manager: { value: 'm@example.com' } } } }));
		expect(whole.json[ENTERPRISE]).toEqual({ department: 'Whole', organization: 'Org', manager: { value: 'm@example.com' } });
		expect(whole.json.department).toBe('Whole');
		const keyed = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', value: { [`${ENTERPRISE}:department`]: 'Keyed', 'name.familyName': 'Dotted' } }));
		expect(keyed.json).toMatchObject({ department: 'Keyed', [ENTERPRISE]: { department: 'Keyed' }, name: { familyName: 'Dotted' } });
	});

	test('the whole extension URN as a path, manager.value, and removing department clears both places', async () => {
		const user = await one();
		const replaced = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: ENTERPRISE, value: { organization: 'O2' } }, { op: 'add', path: `${ENTERPRISE}:manager.value`, value: 'boss@example.com' }));
		expect(replaced.json[ENTERPRISE]).toEqual({ department: 'Dept', organization: 'O2', manager: { value: 'boss@example.com' } });
		const removed = await api.patch(`/Users/${user.id}`, patchOps({ op: 'remove', path: `${ENTERPRISE}:department` }, { op: 'remove', path: 'organization' }));
		expect(removed.json[ENTERPRISE]).toEqual({ manager: { value: 'boss@example.com' } });
		expect(removed.json.department).toBeUndefined();
		expect(removed.json.organization).toBeUndefined();
		const top = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'department', value: 'Top' }));
		expect(top.json[ENTERPRISE].department).toBe('Top');
	});

	test('lower-case "operations" is accepted as well (the OpenAPI model names it so)', async () => {
		const user = await one();
		const response = await api.patch(`/Users/${user.id}`, { schemas: [PATCH], operations: [{ op: 'replace', path: 'title', value: 'lower' }] });
		expect(response.json.title).toBe('lower');
	});

	describe('emails and phoneNumbers', () => {
		test('add appends; a second primary is 400; replace sets the whole array', async () => {
			const user = await one();
			const added = await api.patch(`/Users/${user.id}`, patchOps({ op: 'add', path: 'emails', value: [{ value: freshEmail('home'), type: 'home', primary: false }] }));
			expect(added.status).toBe(200);
			expect(added.json.emails).toHaveLength(2);
			const twoPrimaries = await api.patch(`/Users/${user.id}`, patchOps({ op: 'add', path: 'emails', value: [{ value: freshEmail('x'), primary: true }] }));
			expect(twoPrimaries.status).toBe(400);
			expect(twoPrimaries.json).toMatchObject({ scimType: 'invalidValue', detail: 'one email address has to be marked as the primary' });
			const replaced = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'emails', value: [{ value: user.userName, type: 'work', primary: true }] }));
			expect(replaced.json.emails).toEqual([{ value: user.userName, type: 'work', primary: true }]);
			expect((await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'emails', value: [{ value: user.userName }] }))).status).toBe(400);
			expect((await api.patch(`/Users/${user.id}`, patchOps({ op: 'remove', path: 'emails' }))).status).toBe(400);
		});

		test('value filters: emails[type eq "work"].value, phoneNumbers[type eq "mobile"].value', async () => {
			const user = await one();
			const next = freshEmail('filtered');
			const response = await api.patch(
				`/Users/${user.id}`,
				patchOps({ op: 'replace', path: 'emails[type eq "work"].value', value: next }, { op: 'add', path: 'phoneNumbers[type eq "mobile"].value', value: '+49 170 0000' }),
			);
			expect(response.status).toBe(200);
			expect(response.json.emails).toEqual([{ value: next, type: 'work', primary: true }]);
			expect(response.json.phoneNumbers).toEqual([{ value: '+49 30 1234', type: 'work', primary: true }, { value: '+49 170 0000', type: 'mobile', primary: false }]);
			const removed = await api.patch(`/Users/${user.id}`, patchOps({ op: 'remove', path: 'phoneNumbers[type eq "mobile"]' }));
			expect(removed.json.phoneNumbers).toHaveLength(1);
			expect((await api.patch(`/Users/${user.id}`, patchOps({ op: 'remove', path: 'phoneNumbers' }))).json.phoneNumbers).toBeUndefined();
		});
	});

	test('timezone quirk: an invalid value is ignored and the previous one stays', async () => {
		const user = await one();
		const response = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'timezone', value: 'GMT+8' }, { op: 'replace', path: 'title', value: 'Still applied' }));
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ timezone: 'Europe/Berlin', title: 'Still applied' });
		expect((await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'timezone', value: 'Asia/Tokyo' }))).json.timezone).toBe('Asia/Tokyo');
	});

	test.each([
		['an unknown attribute', { op: 'replace', path: 'shoeSize', value: 42 }, 'invalidPath'],
		['an unknown name part', { op: 'replace', path: 'name.nickname', value: 'x' }, 'invalidPath'],
		['an unknown extension attribute', { op: 'replace', path: `${ENTERPRISE}:costCenter`, value: 'x' }, 'invalidPath'],
		['a sub-attribute of a simple one', { op: 'replace', path: 'title.value', value: 'x' }, 'invalidPath'],
		['a garbled path', { op: 'replace', path: 'emails[type eq', value: 'x' }, 'invalidPath'],
		['id', { op: 'replace', path: 'id', value: 'x' }, 'mutability'],
		['meta', { op: 'replace', path: 'meta', value: {} }, 'mutability'],
		['groups', { op: 'add', path: 'groups', value: [{ value: 'g' }] }, 'mutability'],
		['the atlassian-external extension', { op: 'replace', path: `${EXTERNAL}:atlassianAccountId`, value: 'x' }, 'mutability'],
		['an unknown op', { op: 'move', path: 'title', value: 'x' }, 'invalidSyntax'],
		['add without a value', { op: 'add', path: 'title' }, 'invalidValue'],
		['a path-less remove', { op: 'remove' }, 'noTarget'],
		['a path-less value that is not an object', { op: 'replace', value: 'x' }, 'invalidValue'],
		['active that is not a boolean', { op: 'replace', path: 'active', value: 'yes' }, 'invalidValue'],
		['a title that is an object', { op: 'replace', path: 'title', value: { x: 1 } }, 'invalidValue'],
		['removing userName', { op: 'remove', path: 'userName' }, 'invalidValue'],
	])('%s is 400 %s, and a failing PATCH changes nothing', async (_name, operation, scimType) => {
		const user = await one();
		const response = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'title', value: 'should not stick' }, operation));
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({ schemas: [ERROR], status: '400', scimType });
		expect(stored(user.id)!.title).toBe('Old title');
	});

	test('malformed PatchOp bodies are 400 invalidSyntax', async () => {
		const user = await one();
		for (const body of [{ schemas: [PATCH] }, { schemas: ['urn:wrong'], Operations: [] }, { Operations: 'x' }, [], 'not json {']) {
			const response = await api.patch(`/Users/${user.id}`, body);
			expect(response.status).toBe(400);
			expect(response.json.scimType).toBe('invalidSyntax');
		}
	});

	test('409 on a taken userName or email; 404 for an unknown id', async () => {
		const user = await one();
		const name = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'userName', value: 'User00003@example.com' }));
		expect(name.status).toBe(409);
		expect(name.json).toMatchObject({ scimType: 'uniqueness', detail: 'Resource [USER]: with userName[User00003@example.com] already exists.' });
		const email = await api.patch(`/Users/${user.id}`, patchOps({ op: 'add', path: 'emails', value: [{ value: 'user00004@example.com' }] }));
		expect(email.status).toBe(409);
		expect(email.json.detail).toBe('Resource [USER]: with email[user00004@example.com] already exists.');
		expect((await api.patch('/Users/nope', patchOps({ op: 'replace', path: 'title', value: 'x' }))).status).toBe(404);
	});

	test('userName can be replaced (go-atlassian does it), and the filter index follows', async () => {
		const user = await one();
		const next = freshEmail('renamed');
		expect((await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'userName', value: next }))).json.userName).toBe(next);
		expect((await api.get(`/Users?${q(`userName eq "${next}"`)}`)).json.Resources[0].id).toBe(user.id);
		expect((await api.get(`/Users?${q(`userName eq "${user.userName}"`)}`)).json.totalResults).toBe(0);
	});

	test('deactivated users stay gettable and listable and can be reactivated; a managed account follows', async () => {
		const user = await one();
		await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'active', value: false }));
		expect((await api.get(`/Users/${user.id}`)).json.active).toBe(false);
		expect((await api.get(`/Users?${q(`userName eq "${user.userName}"`)}`)).json.Resources[0].active).toBe(false);
		expect(accountOf(user).active).toBe(false);
		expect((await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'active', value: true }))).json.active).toBe(true);
		expect(accountOf(user).active).toBe(true);
	});
});

describe('DELETE /Users/{id}', () => {
	test('204; then every call is 404; memberships go; the managed account stays, deactivated', async () => {
		const user = await one();
		const group = await addGroup(`del-${user.id}`, [user.id]);
		const response = await api.delete(`/Users/${user.id}`);
		expect(response.status).toBe(204);
		expect(response.text).toBe('');
		for (const call of [api.get(`/Users/${user.id}`), api.patch(`/Users/${user.id}`, patchOps()), api.put(`/Users/${user.id}`, newUser(user.userName)), api.delete(`/Users/${user.id}`)]) {
			const gone = await call;
			expect(gone.status).toBe(404);
			expect(gone.json.status).toBe('404');
		}
		expect((await api.get(`/Groups/${group.id}`)).json.members).toEqual([]);
		expect(accountOf(user)).toMatchObject({ email: user.userName.toLowerCase(), managed: true, active: false });
		expect((await api.get(`/Users?${q(`userName eq "${user.userName}"`)}`)).json.totalResults).toBe(0);
	});

	test('an unmanaged account is not deactivated by a SCIM delete', async () => {
		const user = await one(freshEmail('guest', 'partner.test'));
		await api.delete(`/Users/${user.id}`);
		expect(accountOf(user)).toMatchObject({ managed: false, active: true });
	});
});

describe('account rules on updates (docs/atlassian-api.md §3)', () => {
	test('a managed user\'s primary email change moves the account; the old address is free for a new account', async () => {
		const user = await one();
		const account = accountOf(user);
		const next = freshEmail('moved');
		const response = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'emails', value: [{ value: next, type: 'work', primary: true }] }));
		expect(response.json[EXTERNAL].atlassianAccountId).toBe(account.accountId);
		expect(account.email).toBe(next);
		const reuse = (await api.post('/Users', newUser(freshEmail('reuse'), { emails: [{ value: user.userName, primary: true }] }))).json;
		expect(reuse[EXTERNAL].atlassianAccountId).not.toBe(account.accountId);
	});

	test('an email change onto an address another Atlassian account holds is 409', async () => {
		const former = await one();
		await api.delete(`/Users/${former.id}`); // its account still holds the address
		const user = await one();
		const response = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'emails', value: [{ value: former.userName, primary: true }] }));
		expect(response.status).toBe(409);
		expect(response.json.detail).toBe(`Resource [USER]: with email[${former.userName}] already exists.`);
		expect(stored(user.id)!.emails[0].value).toBe(user.userName);
	});

	test('managed → unverified domain: the record is unlinked and drops out of its SCIM groups', async () => {
		const user = await one();
		const group = await addGroup(`unverified-${user.id}`, [user.id]);
		const response = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'emails', value: [{ value: freshEmail('gone', 'gmail.test'), primary: true }] }));
		expect(response.status).toBe(200);
		expect(response.json[EXTERNAL]).toEqual({ atlassianAccountId: null });
		expect(response.json.groups).toEqual([]);
		expect((await api.get(`/Groups/${group.id}`)).json.members).toEqual([]);
	});

	test('any update to a user whose account is unmanaged unlinks it and drops its SCIM groups', async () => {
		const user = await one(freshEmail('external', 'partner.test'));
		expect(user[EXTERNAL].atlassianAccountId).toMatch(/^[0-9a-f]{24}$/);
		const group = await addGroup(`unmanaged-${user.id}`, [user.id]);
		const response = await api.patch(`/Users/${user.id}`, patchOps({ op: 'replace', path: 'title', value: 'Any change' }));
		expect(response.json[EXTERNAL]).toEqual({ atlassianAccountId: null });
		expect((await api.get(`/Groups/${group.id}`)).json.members).toEqual([]);
	});
});
