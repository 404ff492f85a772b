// Situations admins reported from real Atlassian orgs: emails pasted where IDs go, directory-level errors that read
// like a missing user, site groups, a key about to expire, account API tokens on the admin API, language names,
// and whether Create linked an existing account.
import { startSandbox, type Sandbox } from '../../sandbox';
import { seedDemo } from '../../sandbox/demo';
import { seedOrgDemo } from '../../sandbox/org/seed';
import { directoryBaseUrl } from '../../credentials/directoryUrl';
import { AtlassianScimApi } from '../../credentials/AtlassianScimApi.credentials';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { saved } from '../helpers/editor';
import { runNode, testCredential } from '../helpers/engine';

const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';
const DAY_MS = 86_400_000;

let sandbox: Sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({});
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
});
afterEach(async () => await sandbox.close());

const dir = () => sandbox.store.directory(sandbox.directoryId)!;
const run = async (parameters: Record<string, unknown>, credentials = sandboxCredentials(sandbox)) => await runNode({ parameters: saved(parameters), credentials });

describe('emails where admins paste them', () => {
	test('Delete in SCIM DB resolves an email to its account, as the account operations do; an unknown one points to Get SCIM Links', async () => {
		const grace = dir().users.get(dir().idByUserName('grace.hopper@example.com')!)!;
		const accountId = grace[EXTERNAL].atlassianAccountId as string;
		const mark = sandbox.requests.length;
		const { items, error } = await run({ resource: 'user', operation: 'deleteInDb', accountIds: 'Grace.Hopper@example.com\nnobody@example.com' });
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.accountId, i.json.email, i.json.outcome])).toEqual([
			[accountId, 'Grace.Hopper@example.com', 'deleted'],
			[null, 'nobody@example.com', 'notFound'],
		]);
		expect(items[1].json.message).toContain('Get SCIM Links (by email) finds it');
		expect(dir().idByUserName('grace.hopper@example.com')).toBeUndefined();
		const deletes = sandbox.requests.slice(mark).filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => r.path)).toEqual([`/admin/user-provisioning/v1/org/${sandbox.orgId}/user/${accountId}/onlyDeleteUserInDB`]);
	});

	test('a 409 on an email points to Get SCIM Links and Unlink', async () => {
		const { error } = await run({
			resource: 'user',
			operation: 'create',
			userName: 'someone.else',
			emails: { email: [{ value: 'ada.lovelace@example.com', type: 'work', primary: true }] },
		});
		expect(error?.httpCode).toBe('409');
		expect(error?.description).toContain('Get SCIM Links (by email, with the Organization API credential) names that record, and Unlink or Delete frees the email');
	});

	test('"no user" for a user name that is an email points to Get SCIM Links', async () => {
		const { error } = await run({ resource: 'user', operation: 'get', userId: locator('userName', 'ada@example.com') });
		expect(error?.message).toBe('User (Name): no user has the user name "ada@example.com" in this directory');
		expect(error?.description).toContain('A record can hold this email under another user name: Get SCIM Links (by email) names it.');
	});
});

describe('directory-level errors', () => {
	test('a 404 on the directory itself says the directory was not found, not that a user was deleted', async () => {
		const credentials = sandboxCredentials(sandbox);
		credentials.atlassianScimApi = { ...credentials.atlassianScimApi, directoryBaseUrl: `${sandbox.url}/scim/nothing-here` };
		const { error } = await run({ resource: 'user', operation: 'getAll', returnAll: false, limit: 5 }, credentials);
		expect(error?.httpCode).toBe('404');
		expect(error?.message).toBe('Atlassian SCIM API credential "Test atlassianScimApi": directory not found (404)');
		expect(error?.description).toContain('it was deleted, its subscription lapsed, or the Directory base URL is wrong');
		expect(error?.description).not.toContain('user or group may have been deleted');
	});

	test('a Directory base URL pasted with /Users (or /Groups) works', async () => {
		for (const suffix of ['/Users', '/Groups/']) {
			const credentials = sandboxCredentials(sandbox);
			credentials.atlassianScimApi = { ...credentials.atlassianScimApi, directoryBaseUrl: `${sandbox.scimBaseUrl}${suffix}` };
			const { items, error } = await run({ resource: 'user', operation: 'get', userId: locator('userName', 'ada.lovelace@example.com') }, credentials);
			expect(error).toBeUndefined();
			expect(items[0].json.userName).toBe('ada.lovelace@example.com');
		}
	});

	test('a bare directory ID becomes the Directory base URL, and the key goes only there', async () => {
		expect(directoryBaseUrl(' 315e1fb2-6b1c-4a5c-8e0a-9a7d1c2b3e4f ')).toBe('https://api.atlassian.com/scim/directory/315e1fb2-6b1c-4a5c-8e0a-9a7d1c2b3e4f');
		expect(directoryBaseUrl('https://api.atlassian.com/scim/directory/abc/Users/')).toBe('https://api.atlassian.com/scim/directory/abc');
		const authenticate = new AtlassianScimApi().authenticate;
		const signed = await authenticate({ directoryBaseUrl: '315e1fb2', apiKey: 'k' }, { url: 'https://api.atlassian.com/scim/directory/315e1fb2/Users' });
		expect(signed.headers).toEqual({ Authorization: 'Bearer k' });
		await expect(authenticate({ directoryBaseUrl: '315e1fb2', apiKey: 'k' }, { url: 'https://elsewhere.example/scim' })).rejects.toThrow(/only sent to api\.atlassian\.com/);
	});

	test('adding a member to jira-software-users says site and organization groups are invisible to SCIM', async () => {
		const mark = sandbox.requests.length;
		const { error } = await run({
			resource: 'group',
			operation: 'addMembers',
			groupId: { __rl: true, mode: 'name', value: 'jira-software-users' },
			members: 'ada.lovelace@example.com',
		});
		expect(error?.message).toBe(
			'Group (Name): "jira-software-users" is a site or organization group, and those are invisible to SCIM: its members are managed in Atlassian Administration (Directory → Groups), not through a SCIM directory',
		);
		expect(sandbox.requests.slice(mark).some((r) => r.method === 'PATCH')).toBe(false);
	});
});

describe('smaller ones', () => {
	test('the Test button warns when the recorded expiry date is within 14 days, and passes quietly before that', async () => {
		const soon = new Date(Date.now() + 5 * DAY_MS - 60_000).toISOString();
		const warned = await testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey, keyExpiresOn: soon }, 'Prod directory');
		expect(warned.status).toBe('Error');
		expect(warned.message).toMatch(/^The connection works, but the key of the Atlassian SCIM API credential "Prod directory" expires in 5 days, on \d{4}-\d{2}-\d{2} by its Key Expires On\. Regenerate it/);
		const later = new Date(Date.now() + 60 * DAY_MS).toISOString();
		expect(await testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey, keyExpiresOn: later })).toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
	});

	test("the admin API's 401 names account API tokens among the keys that do not work there", async () => {
		const credentials = sandboxCredentials(sandbox);
		credentials.atlassianOrganizationApi = { ...credentials.atlassianOrganizationApi, apiKey: 'ATATT3xFfGF0-an-account-api-token' };
		const { error } = await run({ resource: 'account', operation: 'getAccount', account: 'ada.lovelace@example.com' }, credentials);
		expect(error?.httpCode).toBe('401');
		expect(error?.description).toContain('nor does an account API token (from id.atlassian.com → Security → API tokens)');
	});

	test('"English" is refused as a preferred language, with the tag to use', async () => {
		const mark = sandbox.requests.length;
		const { error } = await run({ resource: 'user', operation: 'update', userId: locator('userName', 'ada.lovelace@example.com'), updateFields: { preferredLanguage: 'English' } });
		expect(error?.message).toBe('Preferred Language: "English" is not a BCP 47 language tag');
		expect(error?.description).toBe('Item 1, field "Preferred Language". A valid value looks like "en-US".');
		expect(sandbox.requests.length).toBe(mark);
	});

	test('Create says whether Atlassian linked an existing account or made a new one', async () => {
		const create = async (email: string) =>
			await run({ resource: 'user', operation: 'create', userName: email, emails: { email: [{ value: email, type: 'work', primary: true }] }, reportAccountOrigin: true });
		const existing = sandbox.store.accountByAddress('hedy.lamarr@example.com')!.accountId;
		const linked = await create('hedy.lamarr@example.com');
		expect(linked.error).toBeUndefined();
		expect(linked.items[0].json).toMatchObject({ accountOrigin: 'existing', atlassianAccountId: existing });
		const made = await create('new.joiner@example.com');
		expect(made.items[0].json.accountOrigin).toBe('new');
		const outside = await create('guest@partner.org');
		expect(outside.items[0].json.accountOrigin).toBe('unknown');
		const plain = await run({ resource: 'user', operation: 'create', userName: 'plain@example.com', emails: { email: [{ value: 'plain@example.com', type: 'work', primary: true }] } });
		expect(plain.items[0].json.accountOrigin).toBeUndefined();
	});
});
