import { startSandbox, type Sandbox } from '../../sandbox';
import { seedOrgAccounts } from '../../sandbox/org/seed';
import { SCOPED_ORG_KEY } from '../../sandbox/org/routes';
import { cannedServer, type Canned } from '../helpers/cannedServer';
import { runNode } from '../helpers/engine';
import { sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
let ids: string[];
beforeAll(async () => {
	sandbox = await startSandbox();
	ids = seedOrgAccounts(sandbox, 60);
});
afterAll(async () => await sandbox.close());
afterEach(() => {
	sandbox.clearFaults();
	sandbox.configure({ rateLimit: null });
});

const all = { __rl: true, mode: 'list', value: '-' };
const run = async (parameters: Record<string, unknown>, credentials = sandboxCredentials(sandbox), continueOnFail = false) =>
	await runNode({ parameters: { resource: 'account', directory: all, ...parameters }, credentials, continueOnFail });

async function canned(responses: Canned[], parameters: Record<string, unknown>) {
	const server = await cannedServer(responses);
	try {
		const result = await run(parameters, { atlassianOrganizationApi: { organizationId: 'org-1', apiKey: 'secret-org-key-0001', baseUrl: server.url } });
		return { ...result, seen: server.seen };
	} finally {
		await server.close();
	}
}

test('a wrong key: 401 names the credential, never the key', async () => {
	const credentials = sandboxCredentials(sandbox);
	credentials.atlassianOrganizationApi.apiKey = 'wrong-org-key-123456';
	const { error } = await run({ operation: 'suspend', accounts: ids.slice(0, 3).join(',') }, credentials);
	expect(error?.httpCode).toBe('401');
	expect(error?.message).toBe('Atlassian Organization API credential "Test atlassianOrganizationApi": the organization API key was refused (401)');
	expect(JSON.stringify(error)).not.toContain('wrong-org-key-123456');
	// With Continue On Fail the key would fail every account alike: one error item for the input item, not one per account.
	const tolerant = await run({ operation: 'suspend', accounts: ids.slice(0, 3).join(',') }, credentials, true);
	expect(tolerant.items).toHaveLength(1);
	expect(tolerant.items[0].json.error).toBe('Atlassian Organization API credential "Test atlassianOrganizationApi": the organization API key was refused (401)');
});

test('a scoped key: the gateway\'s 403 shape is mapped to "create a key without scopes", even with Continue On Fail', async () => {
	const credentials = sandboxCredentials(sandbox);
	credentials.atlassianOrganizationApi.apiKey = SCOPED_ORG_KEY;
	const tolerant = await run({ operation: 'deactivateAccount', accounts: ids.slice(0, 2) }, credentials, true);
	expect(tolerant.items.map((i) => i.json.error)).toEqual(['Atlassian Organization API credential "Test atlassianOrganizationApi": the key was created with scopes, which this API refuses (403)']);
	const { error } = await run({ operation: 'deactivateAccount', accounts: ids[0] }, credentials);
	expect(error?.httpCode).toBe('403');
	expect(error?.message).toBe('Atlassian Organization API credential "Test atlassianOrganizationApi": the key was created with scopes, which this API refuses (403)');
	expect(error?.description).toMatch(/WITHOUT scopes/);
	expect(JSON.stringify(error)).not.toContain(SCOPED_ORG_KEY);
});

test('an ADMIN-… error (shape 1) shows its code and detail', async () => {
	const { error } = await canned([{ status: 403, body: { errors: [{ id: 'e1', status: '403', code: 'ADMIN-403-3', title: 'Forbidden', detail: 'Not allowed to manage the organization' }] } }], {
		operation: 'getAccount',
		account: 'abc123',
	});
	expect(error?.message).toBe('Atlassian refused the request for account "abc123" (403, ADMIN-403-3): Not allowed to manage the organization');
});

test('field violations from the User Management API name each field', async () => {
	const { error } = await canned(
		[
			{ status: 200, body: { account: { account_id: 'a1', name: 'A', extended_profile: {} } } },
			{ status: 400, body: { key: 'badRequest', context: { fieldViolations: [{ field: 'extended_profile.job_title', violations: [{ key: 'tooLong' }] }] } } },
		],
		{ operation: 'updateProfile', account: 'a1', updateFields: { jobTitle: 'x'.repeat(300) } },
	);
	expect(error?.message).toBe('Atlassian rejected fields for account "a1": extended_profile.job_title: tooLong');
});

test('a v2 search page whose links.next is a v1-style URL is followed by its cursor only', async () => {
	const { items, seen } = await canned(
		[
			{ status: 200, body: { data: [{ accountId: 'a1' }], links: { next: 'https://elsewhere.example.net/admin/v1/orgs/org-1/users?cursor=NEXT1' } } },
			{ status: 200, body: { data: [{ accountId: 'a2' }], links: { next: null } } },
		],
		{ operation: 'search', returnAll: true },
	);
	expect(items.map((i) => i.json.accountId)).toEqual(['a1', 'a2']);
	expect(seen).toHaveLength(2);
	expect(seen[1].url).toBe('/admin/v2/orgs/org-1/directories/-/users/search');
	expect(JSON.parse(seen[1].body).cursor).toBe('NEXT1');
});

test('a 60-account suspend under a 20 requests/s limit and injected 5xx: every account once, none lost', async () => {
	sandbox.configure({ rateLimit: { requestsPerSecond: 20 } });
	sandbox.injectFaults([{ kind: '503', pathIncludes: '/suspend', probability: 0.2, count: 10 }]);
	sandbox.resetStats();
	sandbox.requests.length = 0;
	const { items, error } = await run({ operation: 'suspend', accounts: ids, directory: { __rl: true, mode: 'id', value: sandbox.directoryId } });
	expect(error).toBeUndefined();
	expect(sandbox.stats().rateLimited).toBeGreaterThan(0);
	expect(items.map((i) => i.json.accountId)).toEqual(ids);
	expect(items.every((i) => i.json.outcome === 'suspended')).toBe(true);
	for (const id of ids) expect(sandbox.org.get(id)!.memberships.get(sandbox.directoryId)).toBe('suspended');
	const done = sandbox.requests.filter((r) => r.path.endsWith('/suspend') && r.status === 204).map((r) => r.path);
	expect(new Set(done).size).toBe(done.length);
	expect(done).toHaveLength(60);
});

test('Continue On Fail: a server error on one account is reported on its item; the rest go on', async () => {
	sandbox.injectFaults([{ kind: '500', pathIncludes: `${ids[1]}/restore` }]);
	const { items, error } = await run(
		{ operation: 'restore', accounts: ids.slice(0, 3), directory: { __rl: true, mode: 'id', value: sandbox.directoryId }, requestOptions: { maxRetries: 1 } },
		sandboxCredentials(sandbox),
		true,
	);
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.outcome)).toEqual(['restored', 'failed', 'restored']);
	expect(items[1].json).toMatchObject({ accountId: ids[1], statusCode: 500, message: expect.stringMatching(/server error \(500\) after 2 attempts/) });
	// Without it, the node stops with the error of that account.
	sandbox.injectFaults([{ kind: '500', pathIncludes: `${ids[1]}/restore` }]);
	const stopped = await run({ operation: 'restore', accounts: ids.slice(0, 3), directory: { __rl: true, mode: 'id', value: sandbox.directoryId }, requestOptions: { maxRetries: 0 } });
	expect(stopped.error?.message).toMatch(/server error \(500\)/);
});

test('Continue On Fail with one account per input item: each failed item keeps its pairedItem', async () => {
	const credentials = sandboxCredentials(sandbox);
	const result = await runNode({
		parameters: { resource: 'account', operation: 'getAccount', directory: all, account: '={{ $json.who }}' },
		input: [{ who: ids[0] }, { who: 'not an email@' }, { who: 'nobody@example.com' }, { who: ids[2] }],
		credentials,
		continueOnFail: true,
	});
	expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	expect(result.items[0].json.accountId).toBe(ids[0]);
	expect(result.items[1].json.error).toMatch(/neither an account ID nor an email address/);
	expect(result.items[2].json.error).toMatch(/No account with the email nobody@example.com/);
	expect(result.items[3].json.accountId).toBe(ids[2]);
});

test('bad input is refused before anything is sent: empty list, an object in the list, a bad status, a bad limit', async () => {
	sandbox.requests.length = 0;
	expect((await run({ operation: 'suspend', accounts: ' \n , ' })).error?.message).toMatch(/Accounts: no value given/);
	expect((await run({ operation: 'suspend', accounts: '={{ [{ id: 1 }] }}' })).error?.message).toMatch(/Accounts: expected text entries/);
	expect((await run({ operation: 'search', returnAll: true, filters: { status: ['gone'] } })).error?.message).toMatch(/"gone" is not a status/);
	expect((await run({ operation: 'search', returnAll: false, limit: 0 })).error?.message).toMatch(/Limit: 0 is not a positive/);
	expect((await run({ operation: 'updateProfile', account: ids[0], updateFields: {} })).error?.message).toMatch(/Update Fields: no field to update/);
	expect(sandbox.requests).toHaveLength(0);
});

test('an oversized array where an object or nothing is due is retried without being parsed: the event loop stays free', async () => {
	// 20 MB of JSON array in place of a restore's answer. Parsing it took about 2 s of blocked event loop, long enough
	// for every other request in flight to time out although its answer had come (the hardening campaign's
	// "restore" case counted the re-sent writes).
	sandbox.injectFaults([{ kind: 'oversized', pathIncludes: `${ids[5]}/restore`, after: 'after', count: 1 }]);
	const parse = jest.spyOn(JSON, 'parse');
	try {
		const { items, error } = await run({ operation: 'restore', accounts: ids.slice(4, 7), directory: { __rl: true, mode: 'id', value: sandbox.directoryId } });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.outcome)).toEqual(['restored', 'restored', 'restored']);
		expect(parse.mock.calls.some(([text]) => typeof text === 'string' && text.length > 1_000_000)).toBe(false);
	} finally {
		parse.mockRestore();
	}
	const restores = (n: number) => sandbox.requests.filter((r) => r.path.endsWith(`${ids[n]}/restore`)).map((r) => r.status);
	expect(restores(5)).toEqual([200, 204]);
	// The restores in flight beside it were answered once each: none timed out and was re-sent.
	expect([restores(4), restores(6)]).toEqual([[204], [204]]);
});
