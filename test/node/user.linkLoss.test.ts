// Atlassian unlinks a SCIM user from an account the organization does not manage, and drops its SCIM groups, on any
// update; the sandbox does the same (its verified domain is example.com). The node sends only what differs from
// the user as it is, and says when an update lost the link or groups.
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';

const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 5 });
});
afterAll(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>) => await runNode({ parameters, credentials: sandboxCredentials(sandbox) });
const dir = () => sandbox.store.directory(sandbox.directoryId)!;
const patches = (mark: number) => sandbox.requests.slice(mark).filter((r) => r.method === 'PATCH' || r.method === 'PUT');

async function externalUserInGroup(email: string, group: string): Promise<string> {
	const created = await run({ resource: 'user', operation: 'create', userName: email, emails: { email: [{ value: email, type: 'work', primary: true }] } });
	expect(created.error).toBeUndefined();
	const id = String(created.items[0].json.id);
	const made = await run({ resource: 'group', operation: 'create', displayName: group, additionalFields: { members: id, membersAre: 'id' } });
	expect(made.error).toBeUndefined();
	expect(dir().users.get(id)![EXTERNAL].atlassianAccountId).toBeTruthy();
	return id;
}

test('an update that unlinks an external account says so in the default output', async () => {
	const id = await externalUserInGroup('guest.one@partner.org', 'partners-1');
	const accountId = dir().users.get(id)![EXTERNAL].atlassianAccountId;
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', id), updateFields: { title: 'Consultant' } });
	expect(error).toBeUndefined();
	expect(dir().users.get(id)![EXTERNAL].atlassianAccountId ?? null).toBeNull();
	expect(items[0].json).toMatchObject({ id, title: 'Consultant', accountLinkLost: true, groupsLost: ['partners-1'] });
	expect(items[0].json.warning).toBe(
		`Atlassian unlinked this SCIM user from Atlassian account ${accountId} and removed it from group "partners-1" during this update. ` +
			'It does this when it updates an account the organization does not manage (an email domain the organization has not verified). ' +
			'Verify the domain, or link the account again in Atlassian Administration and add the groups back.',
	);
});

test('What Changed lists the lost link and groups next to the fields sent', async () => {
	const id = await externalUserInGroup('guest.two@partner.org', 'partners-2');
	const accountId = dir().users.get(id)![EXTERNAL].atlassianAccountId;
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', id), updateFields: { title: 'Auditor' }, simplify: true, options: { output: 'changes' } });
	expect(error).toBeUndefined();
	expect(items[0].json.changes).toEqual([
		{ field: 'Title', before: null, after: 'Auditor' },
		{ field: 'Atlassian Account Link', before: accountId, after: null },
		{ field: 'Groups', before: 'partners-2', after: null },
	]);
	expect(items[0].json.summary).toContain(`Atlassian Account Link: ${accountId} → (empty)`);
	expect(items[0].json).toMatchObject({ changed: true, accountLinkLost: true, groupsLost: ['partners-2'] });
});

test('with Attributes set, a link left out of the answer is not taken for a lost one', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[0];
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { title: 'Projected' }, options: { attributes: 'title' } });
	expect(error).toBeUndefined();
	expect(items[0].json.title).toBe('Projected');
	expect(items[0].json).not.toHaveProperty('warning');
	expect(items[0].json).not.toHaveProperty('accountLinkLost');
});

test('a managed user: the output is the user as before, with no warning fields', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[1];
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { title: 'Managed Title' } });
	expect(error).toBeUndefined();
	expect(Object.keys(items[0].json).some((k) => ['warning', 'accountLinkLost', 'groupsLost'].includes(k))).toBe(false);
	expect(dir().users.get(user.id)![EXTERNAL].atlassianAccountId).toBeTruthy();
});

test('the default output sends only what differs: re-sending the same email list to an external user sends nothing and keeps the link', async () => {
	const id = await externalUserInGroup('guest.three@partner.org', 'partners-3');
	const mark = sandbox.requests.length;
	const { items, error } = await run({
		resource: 'user',
		operation: 'update',
		userId: locator('id', id),
		updateFields: { emails: { email: [{ value: 'guest.three@partner.org', type: 'work', primary: true }] }, active: true, title: 'Guest' },
	});
	expect(error).toBeUndefined();
	// Only the title differs; emails and active are as they were and are not sent.
	expect(patches(mark).map((r) => JSON.parse(r.body).Operations)).toEqual([[{ op: 'replace', path: 'title', value: 'Guest' }]]);
	expect(items[0].json.warning).toMatch(/unlinked/);

	const id2 = await externalUserInGroup('guest.four@partner.org', 'partners-4');
	const mark2 = sandbox.requests.length;
	const same = await run({ resource: 'user', operation: 'update', userId: locator('id', id2), updateFields: { emails: { email: [{ value: 'guest.four@partner.org', type: 'work', primary: true }] } } });
	expect(same.error).toBeUndefined();
	expect(patches(mark2)).toEqual([]);
	expect(dir().users.get(id2)![EXTERNAL].atlassianAccountId).toBeTruthy();
	expect(same.items[0].json).toMatchObject({ id: id2, userName: 'guest.four@partner.org' });
	expect(same.items[0].json).not.toHaveProperty('warning');
});

test('an email moved onto an unverified domain unlinks a managed user: the output says so', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[2];
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { emails: { email: [{ value: 'moved.away@elsewhere.net', type: 'work', primary: true }] } } });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ accountLinkLost: true });
	expect(items[0].json.warning).toMatch(/^Atlassian unlinked this SCIM user from Atlassian account /);
});

test('Replace Whole User: a lost link is reported too', async () => {
	const id = await externalUserInGroup('guest.five@partner.org', 'partners-5');
	const { items, error } = await run({
		resource: 'user',
		operation: 'update',
		updateMode: 'replace',
		userId: locator('id', id),
		userName: 'guest.five@partner.org',
		emails: { email: [{ value: 'guest.five@partner.org', type: 'work', primary: true }] },
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ accountLinkLost: true, groupsLost: ['partners-5'] });
});

test('nothing differs and Attributes is set: nothing is sent, and the output is still shaped by Attributes', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[3];
	const mark = sandbox.requests.length;
	const { items, error } = await run({ resource: 'user', operation: 'update', userId: locator('id', user.id), updateFields: { title: String(user.title) }, simplify: false, options: { attributes: 'title' } });
	expect(error).toBeUndefined();
	expect(patches(mark)).toEqual([]);
	expect(Object.keys(items[0].json).sort()).toEqual(['id', 'schemas', 'title'].filter((k) => k in items[0].json).sort());
	expect(items[0].json).not.toHaveProperty('emails');
	expect(items[0].json.title).toBe(user.title);
});
