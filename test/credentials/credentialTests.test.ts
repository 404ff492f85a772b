/**
 * The credentials' Test button, run as n8n 2.41 runs it (the node's `testedBy` method through n8n-core's
 * CredentialTestContext, see testCredential): one request with the node's own client, the node's wording, the name
 * the admin gave the credential, redirects refused and the key never sent to another host.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { cannedServer } from '../helpers/cannedServer';
import { locator } from '../helpers/credentials';
import { runNode, testCredential } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.clearFaults());

/** The requests a test sent to the sandbox. */
async function sent<T>(run: () => Promise<T>) {
	const before = sandbox.requests.length;
	const result = await run();
	return { result, requests: sandbox.requests.slice(before) };
}

describe('Atlassian SCIM API credential test', () => {
	test('passes with the directory base URL and key (trailing slash trimmed): one request, the key only there', async () => {
		const { result, requests } = await sent(() =>
			testCredential('atlassianScimApi', { directoryBaseUrl: `${sandbox.scimBaseUrl}/`, apiKey: sandbox.directoryKey }),
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe(`/scim/directory/${sandbox.directoryId}/Users`);
		expect(requests[0].query).toBe('startIndex=1&count=1');
		expect(requests[0].headers.authorization).toBe(`Bearer ${sandbox.directoryKey}`);
	});

	test('a wrong key: one request, and the message names the credential the admin chose and the likely cause', async () => {
		const { result, requests } = await sent(() =>
			testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: 'not-the-key' }, 'Prod directory'),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Atlassian SCIM API credential "Prod directory": the directory API key was refused \(401\)\. Check the Atlassian SCIM API credential "Prod directory"\./);
		expect(result.message).toMatch(/expired|regenerated/);
		expect(requests).toHaveLength(1);
	});

	test('the test fails in the same words as the node does with the same credential', async () => {
		const credential = { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: 'not-the-key', keyExpiresOn: '2026-01-31T00:00:00' };
		const tested = await testCredential('atlassianScimApi', credential, 'Prod directory');
		const { error } = await runNode({
			parameters: { resource: 'user', operation: 'get', userId: locator('id', 'u1') },
			credentials: { atlassianScimApi: credential },
			credentialNames: { atlassianScimApi: 'Prod directory' },
		});
		expect(error?.message).toMatch(/^Atlassian SCIM API credential "Prod directory": /);
		expect(tested.message).toBe(`${error!.message}. ${error!.description}`);
		expect(tested.message).toMatch(/expired on 2026-01-31/);
	});

	test('the organization key on the directory says so', async () => {
		const result = await testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.orgKey });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/403.*organization API key/);
	});

	test('a directory that does not exist says to check the Directory base URL', async () => {
		const result = await testCredential('atlassianScimApi', { directoryBaseUrl: `${sandbox.url}/scim/nothing-here`, apiKey: sandbox.directoryKey }, 'Prod directory');
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Atlassian SCIM API credential "Prod directory": directory not found (404): it was deleted, its subscription lapsed, or the Directory base URL is wrong (it looks like https://api.atlassian.com/scim/directory/<directoryId>).',
		);
	});

	test('plain http:// to a host that is not loopback is refused before anything is sent, in the node\'s words', async () => {
		const before = sandbox.stats().requests;
		const result = await testCredential('atlassianScimApi', { directoryBaseUrl: 'http://api.atlassian.example/scim/directory/x', apiKey: 'k' }, 'Prod directory');
		expect(result).toEqual({
			status: 'Error',
			message: 'Atlassian SCIM API credential "Prod directory": "http://api.atlassian.example" is refused. Use an https:// URL (plain http:// is only allowed for 127.0.0.1 or localhost).',
		});
		expect(sandbox.stats().requests).toBe(before);
	});

	test('an empty key or a base URL that is not a URL fail before anything is sent', async () => {
		const before = sandbox.stats().requests;
		expect((await testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: '  ' }, 'Prod directory')).message).toBe(
			'Atlassian SCIM API credential "Prod directory": the API key is empty.',
		);
		expect((await testCredential('atlassianScimApi', { directoryBaseUrl: 'api.atlassian.com/scim', apiKey: 'k' })).message).toMatch(/is not a URL/);
		expect(sandbox.stats().requests).toBe(before);
	});

	test('a server error is reported after one request, not retried behind the button', async () => {
		sandbox.injectFaults([{ kind: '503', count: 5 }]);
		const { result, requests } = await sent(() => testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey }));
		expect(result).toMatchObject({ status: 'Error', message: expect.stringMatching(/^Atlassian had a server error \(503\)\./) });
		expect(requests).toHaveLength(1);
	});

	test('an HTML page where the user list should be (a proxy, a login page) fails: the node could not work with it', async () => {
		sandbox.injectFaults([{ kind: 'html', count: 1 }]);
		const result = await testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/not JSON \(text\/html/);
	});
});

describe('Atlassian Organization API credential test', () => {
	test('passes with organization ID, key and base URL: one request, the key only there', async () => {
		const { result, requests } = await sent(() =>
			testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: sandbox.url }),
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(requests.map((r) => r.path)).toEqual([`/admin/v1/orgs/${sandbox.orgId}`]);
		expect(requests[0].headers.authorization).toBe(`Bearer ${sandbox.orgKey}`);
	});

	test('a trailing slash on the base URL is trimmed', async () => {
		expect(await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: `${sandbox.url}/` })).toMatchObject({ status: 'OK' });
		const last = sandbox.requests[sandbox.requests.length - 1];
		expect(last.path).toBe(`/admin/v1/orgs/${sandbox.orgId}`);
	});

	test('plain http:// to a host that is not loopback is refused before anything is sent', async () => {
		const before = sandbox.stats().requests;
		const result = await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: 'k', baseUrl: 'http://api.atlassian.example' }, 'Org admin');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Atlassian Organization API credential "Org admin": "http:\/\/api\.atlassian\.example" is refused/);
		expect(sandbox.stats().requests).toBe(before);
	});

	test('an empty Organization ID is refused before anything is sent', async () => {
		const before = sandbox.stats().requests;
		const result = await testCredential('atlassianOrganizationApi', { organizationId: ' ', apiKey: 'k', baseUrl: sandbox.url }, 'Org admin');
		expect(result).toEqual({ status: 'Error', message: 'Atlassian Organization API credential "Org admin": the Organization ID is empty.' });
		expect(sandbox.stats().requests).toBe(before);
	});

	test('a wrong key: one request, and the message names the credential', async () => {
		const { result, requests } = await sent(() =>
			testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: 'nope', baseUrl: sandbox.url }, 'Org admin'),
		);
		expect(result.message).toMatch(/^Atlassian Organization API credential "Org admin": the organization API key was refused \(401\)/);
		expect(requests).toHaveLength(1);
	});

	test('the directory key, or a wrong organization ID, say which to check', async () => {
		const directoryKey = await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: sandbox.directoryKey, baseUrl: sandbox.url });
		expect(directoryKey.status).toBe('Error');
		expect(directoryKey.message).toMatch(/403.*directory \(SCIM\) key.*Organization ID/);
		const otherOrg = await testCredential('atlassianOrganizationApi', { organizationId: 'some-other-org', apiKey: sandbox.orgKey, baseUrl: sandbox.url });
		expect(otherOrg.status).toBe('Error');
		expect(otherOrg.message).toMatch(/Organization ID/);
	});

	test('an Organization ID that could reach another endpoint is refused before anything is sent', async () => {
		const before = sandbox.stats().requests;
		const result = await testCredential('atlassianOrganizationApi', { organizationId: '..', apiKey: sandbox.orgKey, baseUrl: sandbox.url }, 'Org admin');
		expect(result.message).toMatch(/^Atlassian Organization API credential "Org admin": the Organization ID "\.\." is not a valid ID/);
		expect(sandbox.stats().requests).toBe(before);
	});
});

describe('redirects: refused, and the key never reaches another host', () => {
	const KEY = 'credential-test-key-that-must-stay-home-0001';
	const cases = [
		{ type: 'atlassianScimApi', status: 302, data: (home: string) => ({ directoryBaseUrl: `${home}/scim/directory/d1`, apiKey: KEY }), label: 'Atlassian SCIM API credential "Prod directory"' },
		{ type: 'atlassianScimApi', status: 307, data: (home: string) => ({ directoryBaseUrl: `${home}/scim/directory/d1`, apiKey: KEY }), label: 'Atlassian SCIM API credential "Prod directory"' },
		{ type: 'atlassianOrganizationApi', status: 302, data: (home: string) => ({ organizationId: 'org1', apiKey: KEY, baseUrl: home }), label: 'Atlassian Organization API credential "Prod directory"' },
		{ type: 'atlassianOrganizationApi', status: 307, data: (home: string) => ({ organizationId: 'org1', apiKey: KEY, baseUrl: home }), label: 'Atlassian Organization API credential "Prod directory"' },
	];
	test.each(cases)('$type, $status to a second listener', async ({ type, status, data, label }) => {
		const elsewhere = await cannedServer([{ status: 200, body: { id: 'stolen', Resources: [], data: { id: 'org1' } } }]);
		const target = `${elsewhere.url.replace('127.0.0.1', 'localhost')}/steal`;
		const home = await cannedServer([{ status, headers: { location: `${target}?token=abc` } }]);
		try {
			const result = await testCredential(type, data(home.url), 'Prod directory');
			const homeHost = new URL(home.url).host;
			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(
					new RegExp(`^${escape(label)}: ${escape(homeHost)} answered with a redirect \\(${status}\\) to ${escape(target)}, which is refused so the key stays on ${escape(homeHost)}\\. `),
				),
			});
			expect(result.message).not.toContain('token=abc');
			expect(result.message).not.toContain(KEY);
			expect(elsewhere.seen).toHaveLength(0);
			expect(home.seen).toHaveLength(1);
			expect(home.seen[0].headers.authorization).toBe(`Bearer ${KEY}`);
		} finally {
			await elsewhere.close();
			await home.close();
		}
	});

	test('a redirect that echoes the key in its address does not print it', async () => {
		const home = await cannedServer([{ status: 302, headers: { location: `http://localhost:9/${KEY}/x` } }]);
		try {
			const result = await testCredential('atlassianScimApi', { directoryBaseUrl: `${home.url}/scim/directory/d1`, apiKey: KEY });
			expect(result.message).toMatch(/redirect \(302\) to http:\/\/localhost:9\/\*\*\*\/x, which is refused/);
			expect(result.message).not.toContain(KEY);
		} finally {
			await home.close();
		}
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
