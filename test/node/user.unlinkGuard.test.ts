// With "Check Account Link Before Updating" and the Organization API credential, an Update that Atlassian would
// answer by unlinking the account (an external account; a managed user's email moved to an unverified domain) is
// refused before anything is sent, unless "Allow Updates That Unlink Accounts" is on. The sandbox unlinks as
// Atlassian does; its verified domain is example.com.
import { startSandbox, type Sandbox } from '../../sandbox';
import { seedDemo } from '../../sandbox/demo';
import { seedOrgDemo } from '../../sandbox/org/seed';
import { sandboxCredentials } from '../helpers/credentials';
import { saved, shownProperties } from '../helpers/editor';
import { mapperFields } from '../../nodes/AtlassianUserProvisioning/models/userMapping';
import { runNode } from '../helpers/engine';

const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({});
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
});
afterEach(async () => await sandbox.close());

const dir = () => sandbox.store.directory(sandbox.directoryId)!;
const linkOf = (id: string) => dir().users.get(id)![EXTERNAL]?.atlassianAccountId ?? null;
const writes = (mark: number) => sandbox.requests.slice(mark).filter((r) => (r.method === 'PATCH' || r.method === 'PUT') && r.path.includes('/Users/'));
const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

const run = async (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean; input?: Array<Record<string, unknown>>; scimOnly?: boolean } = {}) => {
	const credentials = sandboxCredentials(sandbox);
	if (extra.scimOnly) delete credentials.atlassianOrganizationApi;
	return await runNode({ parameters: saved({ resource: 'user', operation: 'update', ...parameters }), credentials, continueOnFail: extra.continueOnFail, input: extra.input });
};

async function externalUserInGroup(email: string, group: string): Promise<string> {
	const created = await runNode({
		parameters: { resource: 'user', operation: 'create', userName: email, emails: { email: [{ value: email, type: 'work', primary: true }] } },
		credentials: sandboxCredentials(sandbox),
	});
	expect(created.error).toBeUndefined();
	const id = String(created.items[0].json.id);
	const made = await runNode({ parameters: { resource: 'group', operation: 'create', displayName: group, additionalFields: { members: id, membersAre: 'id' } }, credentials: sandboxCredentials(sandbox) });
	expect(made.error).toBeUndefined();
	return id;
}

test('an external account: the update is refused, nothing is sent, the link and groups stay', async () => {
	const id = await externalUserInGroup('guest.one@partner.org', 'partners-1');
	const accountId = linkOf(id);
	const mark = sandbox.requests.length;
	const { error, items } = await run({ userId: byId(id), checkAccountLink: true, updateFields: { title: 'Consultant' } });
	expect(items).toHaveLength(0);
	expect(error?.message).toBe(`Not updated: the update would unlink user "${id}" from its Atlassian account`);
	expect(error?.description).toContain(`its Atlassian account ${accountId} is external`);
	expect(error?.description).toContain('Allow Updates That Unlink Accounts');
	expect(writes(mark)).toHaveLength(0);
	expect(linkOf(id)).toBe(accountId);
	expect(dir().users.get(id)!.title).toBeUndefined();
});

test('Allow Updates That Unlink Accounts sends it, and the output reports the loss', async () => {
	const id = await externalUserInGroup('guest.two@partner.org', 'partners-2');
	const { error, items } = await run({ userId: byId(id), checkAccountLink: true, allowUnlink: true, updateFields: { title: 'Consultant' } });
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ title: 'Consultant', accountLinkLost: true, groupsLost: ['partners-2'] });
	expect(linkOf(id)).toBeNull();
});

test('a managed user: an email on an unverified domain is refused; one on a verified domain goes out', async () => {
	const ada = dir().idByUserName('ada.lovelace@example.com')!;
	const accountId = linkOf(ada);
	expect(accountId).toBeTruthy();
	const mark = sandbox.requests.length;
	const moved = await run({ userId: byId(ada), checkAccountLink: true, updateFields: { emails: { email: [{ value: 'ada@partner.org', type: 'work', primary: true }] } } });
	expect(moved.error?.message).toBe(`Not updated: the update would unlink user "${ada}" from its Atlassian account`);
	expect(moved.error?.description).toContain('the new primary email "ada@partner.org" is on partner.org, a domain the organization has not verified');
	expect(writes(mark)).toHaveLength(0);
	expect(sandbox.requests.slice(mark).some((r) => r.path === `/admin/v1/orgs/${sandbox.orgId}/domains`)).toBe(true);

	const title = await run({ userId: byId(ada), checkAccountLink: true, updateFields: { title: 'Countess' } });
	expect(title.error).toBeUndefined();
	expect(title.items[0].json.accountLinkLost).toBeUndefined();

	const kept = await run({ userId: byId(ada), checkAccountLink: true, updateFields: { emails: { email: [{ value: 'ada.king@example.com', type: 'work', primary: true }] } } });
	expect(kept.error).toBeUndefined();
	expect(linkOf(ada)).toBe(accountId);
});

test('Replace Whole User on an external account is refused too', async () => {
	const id = await externalUserInGroup('guest.three@partner.org', 'partners-3');
	const mark = sandbox.requests.length;
	const { error } = await run({
		userId: byId(id),
		checkAccountLink: true,
		updateMode: 'replace',
		userName: 'guest.three@partner.org',
		emails: { email: [{ value: 'guest.three@partner.org', type: 'work', primary: true }] },
	});
	expect(error?.message).toMatch(/^Not updated: the update would unlink/);
	expect(writes(mark)).toHaveLength(0);
});

test('with Continue On Fail the refused item is an error item and the others are updated', async () => {
	const id = await externalUserInGroup('guest.four@partner.org', 'partners-4');
	const grace = dir().idByUserName('grace.hopper@example.com')!;
	const { error, items } = await run(
		{ userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, checkAccountLink: true, updateFields: { title: 'Fellow' } },
		{ continueOnFail: true, input: [{ id }, { id: grace }] },
	);
	expect(error).toBeUndefined();
	expect(items[0].json.error).toMatch(/^Not updated: the update would unlink/);
	expect(items[0].pairedItem).toEqual({ item: 0 });
	expect(items[1].json.title).toBe('Fellow');
	expect(linkOf(id)).toBeTruthy();
});

test('without the Organization API credential the switch says what it needs, before any request', async () => {
	const mark = sandbox.requests.length;
	const { error } = await run({ userId: byId('x'), checkAccountLink: true, updateFields: { title: 'A' } }, { scimOnly: true });
	expect(error?.message).toBe('Check Account Link Before Updating needs an Atlassian Organization API credential');
	expect(sandbox.requests.length).toBe(mark);
});

test('the editor: a notice on Update says what the protection needs, until the switch is on', () => {
	const names = (parameters: Record<string, unknown>) => shownProperties({ resource: 'user', operation: 'update', ...parameters }).map((p) => p.name);
	expect(names({})).toEqual(expect.arrayContaining(['linkCheckNotice', 'checkAccountLink']));
	expect(names({})).not.toContain('allowUnlink');
	expect(names({ checkAccountLink: true })).toEqual(expect.arrayContaining(['checkAccountLink', 'allowUnlink']));
	expect(names({ checkAccountLink: true })).not.toContain('linkCheckNotice');
});

describe('Create or Update, with Check Account Link Before Updating', () => {
	const mapper = { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['userName'], schema: mapperFields() };
	const upsert = async (parameters: Record<string, unknown>, input: Array<Record<string, unknown>>, continueOnFail = false) =>
		await runNode({ parameters: saved({ resource: 'user', operation: 'upsert', columns: mapper, ...parameters }), input, credentials: sandboxCredentials(sandbox), continueOnFail });

	test('an external account is refused before anything is written; without Continue On Fail the run fails and nobody changes', async () => {
		const id = await externalUserInGroup('guest.three@partner.org', 'partners-3');
		const accountId = linkOf(id);
		const mark = sandbox.requests.length;
		const input = [
			{ userName: 'ada.lovelace@example.com', title: 'Countess' },
			{ userName: 'guest.three@partner.org', title: 'Consultant' },
		];
		const { error } = await upsert({ checkAccountLink: true }, input);
		expect(error?.message).toBe('Not updated: the update would unlink user "guest.three@partner.org" from its Atlassian account');
		expect(writes(mark)).toHaveLength(0);
		expect(linkOf(id)).toBe(accountId);
	});

	test('with Continue On Fail the external one comes out failed with the reason, the managed one is updated', async () => {
		const id = await externalUserInGroup('guest.four@partner.org', 'partners-4');
		const accountId = linkOf(id);
		const input = [
			{ userName: 'ada.lovelace@example.com', title: 'Countess' },
			{ userName: 'guest.four@partner.org', title: 'Consultant' },
		];
		const mark = sandbox.requests.length;
		const { items, error } = await upsert({ checkAccountLink: true }, input, true);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.outcome)).toEqual(['updated', 'failed']);
		// Both users' claim status from one search, not one search per user.
		expect(sandbox.requests.slice(mark).filter((r) => r.method === 'POST' && r.path.endsWith('/users/search'))).toHaveLength(1);
		expect(items[1].json.errorDescription).toContain(`its Atlassian account ${accountId} is external`);
		expect(linkOf(id)).toBe(accountId);
		expect(dir().users.get(dir().idByUserName('ada.lovelace@example.com')!)!.title).toBe('Countess');
	});

	test('Allow Updates That Unlink Accounts sends it; without the check nothing is asked of the Organizations API', async () => {
		const id = await externalUserInGroup('guest.five@partner.org', 'partners-5');
		const allowed = await upsert({ checkAccountLink: true, allowUnlink: true }, [{ userName: 'guest.five@partner.org', title: 'Consultant' }]);
		expect(allowed.error).toBeUndefined();
		expect(allowed.items[0].json.outcome).toBe('updated');
		expect(linkOf(id)).toBeNull();
		const mark = sandbox.requests.length;
		const plain = await upsert({}, [{ userName: 'ada.lovelace@example.com', title: 'Analyst' }]);
		expect(plain.error).toBeUndefined();
		expect(sandbox.requests.slice(mark).some((r) => r.path.startsWith('/admin/'))).toBe(false);
	});
});
