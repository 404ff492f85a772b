import { startSandbox, type Sandbox } from '../../sandbox';
import { cannedServer } from '../helpers/cannedServer';
import { runNode } from '../helpers/engine';
import { locator, sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 5 });
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.clearFaults());

const getUser = (id: string) => ({ resource: 'user', operation: 'get', userId: locator('id', id) });
const fast = { requestOptions: { maxRetries: 2 } };
const firstId = () => String(sandbox.store.users(sandbox.directoryId)[0].id);

test('400: shows Atlassian\'s detail', async () => {
	const server = await cannedServer([
		{ status: 400, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail: 'Attribute \'title\' is too long.' } },
	]);
	try {
		const { error } = await runNode({
			parameters: getUser('u1'),
			credentials: { atlassianScimApi: { directoryBaseUrl: `${server.url}/scim/directory/d1`, apiKey: 'k' } },
		});
		expect(error?.httpCode).toBe('400');
		expect(error?.message).toBe('Atlassian rejected the request for user "u1": Attribute \'title\' is too long.');
		expect(error?.description).toBe('Atlassian\'s answer: Attribute \'title\' is too long.');
	} finally {
		await server.close();
	}
});

test('401: names the credential and the likely cause, never the key', async () => {
	const credentials = sandboxCredentials(sandbox);
	credentials.atlassianScimApi.apiKey = 'wrong-key-123456';
	credentials.atlassianScimApi.keyExpiresOn = '2026-01-31T00:00:00.000Z';
	const { error } = await runNode({ parameters: getUser(firstId()), credentials, credentialNames: { atlassianScimApi: 'Prod directory' } });
	expect(error?.httpCode).toBe('401');
	expect(error?.message).toBe('Atlassian SCIM API credential "Prod directory": the directory API key was refused (401)');
	expect(error?.description).toMatch(/^Check the Atlassian SCIM API credential "Prod directory"\./);
	expect(error?.description).toMatch(/expired on 2026-01-31/);
	expect(JSON.stringify(error)).not.toContain('wrong-key-123456');
});

test('403: the organization key used on SCIM is named as the likely mistake', async () => {
	const credentials = sandboxCredentials(sandbox);
	credentials.atlassianScimApi.apiKey = sandbox.orgKey;
	const { error } = await runNode({ parameters: getUser(firstId()), credentials });
	expect(error?.httpCode).toBe('403');
	expect(error?.description).toMatch(/organization API key/);
	expect(JSON.stringify(error)).not.toContain(sandbox.orgKey);
});

test('404: says the user may have been deleted', async () => {
	const { error } = await runNode({ parameters: getUser('00000000-0000-0000-0000-000000000000'), credentials: sandboxCredentials(sandbox) });
	expect(error?.httpCode).toBe('404');
	expect(error?.description).toMatch(/may have been deleted/);
});

test('409: says which value collides', async () => {
	const taken = sandbox.store.users(sandbox.directoryId)[1];
	const { error } = await runNode({
		parameters: { resource: 'user', operation: 'create', userName: taken.userName, emails: { email: [{ value: 'fresh@example.com', primary: true }] } },
		credentials: sandboxCredentials(sandbox),
	});
	expect(error?.httpCode).toBe('409');
	expect(error?.message).toContain(String(taken.userName));
});

test('409 on an email: the message names the email', async () => {
	const taken = sandbox.store.users(sandbox.directoryId)[2];
	const email = String((taken.emails as Array<{ value: string }>)[0].value);
	const { error } = await runNode({
		parameters: { resource: 'user', operation: 'create', userName: 'brand-new-user@example.com', emails: { email: [{ value: email, primary: true }] } },
		credentials: sandboxCredentials(sandbox),
	});
	expect(error?.httpCode).toBe('409');
	expect(error?.message).toContain(email);
});

test('409 whose detail names no value: the message names the unique values sent', async () => {
	const server = await cannedServer([{ status: 409, body: { status: '409', scimType: 'uniqueness', detail: 'User already exists.' } }]);
	try {
		const { error } = await runNode({
			parameters: { resource: 'user', operation: 'create', userName: 'ada@example.com', emails: { email: [{ value: 'ada.l@example.com', primary: true }] } },
			credentials: { atlassianScimApi: { directoryBaseUrl: `${server.url}/scim/directory/d1`, apiKey: 'k' } },
		});
		expect(error?.httpCode).toBe('409');
		expect(error?.message).toBe('Already exists: User already exists. (one of "ada@example.com", "ada.l@example.com" is taken)');
	} finally {
		await server.close();
	}
});

test('429: waits as Retry-After says and succeeds; a storm that never ends gives a clear error', async () => {
	sandbox.injectFaults([{ kind: '429', count: 3 }]);
	const ok = await runNode({ parameters: getUser(firstId()), credentials: sandboxCredentials(sandbox) });
	expect(ok.error).toBeUndefined();
	expect(ok.items[0].json.id).toBe(firstId());

	const server = await cannedServer([{ status: 429, body: { status: '429' }, headers: { 'retry-after': '0' } }]);
	try {
		const { error } = await runNode({
			parameters: getUser('u1'),
			credentials: { atlassianScimApi: { directoryBaseUrl: `${server.url}/scim/directory/d1`, apiKey: 'k' } },
		});
		expect(error?.httpCode).toBe('429');
		expect(error?.message).toMatch(/too many requests/);
		expect(error?.description).toMatch(/Max Concurrent Requests/);
	} finally {
		await server.close();
	}
});

test('5xx: retried with backoff, then a clear error after Max Retries', async () => {
	sandbox.injectFaults([{ kind: '503', count: 2 }]);
	const ok = await runNode({ parameters: { ...getUser(firstId()), ...fast }, credentials: sandboxCredentials(sandbox) });
	expect(ok.error).toBeUndefined();
	sandbox.injectFaults([{ kind: '500' }]);
	const failed = await runNode({ parameters: { ...getUser(firstId()), requestOptions: { maxRetries: 1 } }, credentials: sandboxCredentials(sandbox) });
	expect(failed.error?.httpCode).toBe('500');
	expect(failed.error?.message).toBe('Atlassian had a server error (500) after 2 attempts');
});

test('no answer within the Timeout: retried, then a clear error that names the timeout and the option', async () => {
	sandbox.injectFaults([{ kind: 'slow', delayMs: 2500, count: 2 }]);
	sandbox.requests.length = 0;
	const { error } = await runNode({
		parameters: { ...getUser(firstId()), requestOptions: { timeoutMs: 1000, maxRetries: 1 } },
		credentials: sandboxCredentials(sandbox),
	});
	expect(error?.message).toBe('No answer from Atlassian within 1 s after 2 attempts');
	expect(error?.description).toMatch(/Raise "Timeout" in Request Options/);
	// Two attempts that each gave up at the timeout, not two slow answers of 2.5 s waited for: once the slow answers
	// are due, the sandbox logs both as 0, "the client had gone, no answer was sent".
	while (sandbox.stats().inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
	expect(sandbox.requests.map((r) => r.status)).toEqual([0, 0]);
});

test('Continue On Fail: each failed item comes out with its error and pairedItem; the others go on', async () => {
	const ids = sandbox.store.users(sandbox.directoryId).slice(0, 2).map((u: { id: string }) => u.id);
	const { items, error } = await runNode({
		parameters: { resource: 'user', operation: 'get', userId: locator('id', '={{ $json.id }}') },
		input: [{ id: ids[0] }, { id: 'missing-user' }, { id: ids[1] }, { id: '' }],
		credentials: sandboxCredentials(sandbox),
		continueOnFail: true,
	});
	expect(error).toBeUndefined();
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	expect(items[0].json.id).toBe(ids[0]);
	expect(items[1].json.error).toBe('Not found: user "missing-user"');
	expect((items[1].error as { httpCode?: string }).httpCode).toBe('404');
	expect(items[0].error).toBeUndefined();
	expect(items[2].json.id).toBe(ids[1]);
	expect(items[3].json.error).toMatch(/User \(ID\): must not be empty/);
});

test('without Continue On Fail the error names the failed item', async () => {
	const { error } = await runNode({
		parameters: { resource: 'user', operation: 'get', userId: locator('id', '={{ $json.id }}') },
		input: [{ id: firstId() }, { id: 'missing-user' }],
		credentials: sandboxCredentials(sandbox),
	});
	expect(error?.context?.itemIndex).toBe(1);
});
