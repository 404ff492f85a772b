/**
 * The credentials' Test button in a real n8n 2.41.1 (package installed from its tarball), through the endpoint the
 * editor calls, POST /rest/credentials/test. A base URL whose server redirects to a second loopback listener must
 * end as a failed test that names the redirect, and the second listener must never see the key; the editor must
 * offer the button (the node's `testedBy`) and n8n must not run a declarative test that follows redirects.
 */
import type { Sandbox } from '../sandbox';
import { startSandbox } from '../sandbox';
import { N8n, type Owner } from '../scripts/e2e/n8n';
import { cannedServer } from '../test/helpers/cannedServer';

const NODE_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning';
const KEY = 'e2e-credential-test-key-that-must-stay-home';
const owner: Owner = { email: 'owner@credtest.test', password: 'Credtest-password-1', firstName: 'Cred', lastName: 'Test' };

type Listener = Awaited<ReturnType<typeof cannedServer>>;
let sandbox: Sandbox;
let n8n: N8n;
let cookie: string;
let elsewhere: Listener;
const homes: Record<string, Listener> = {};

function scim(id: string, name: string, directoryBaseUrl: string, apiKey = KEY) {
	return { id, name, type: 'atlassianScimApi', data: { directoryBaseUrl, apiKey } };
}

function org(id: string, name: string, baseUrl: string, apiKey = KEY, organizationId = 'org1') {
	return { id, name, type: 'atlassianOrganizationApi', data: { organizationId, apiKey, baseUrl } };
}

beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 2 });
	// The second listener: where the redirects point. It answers like Atlassian would, to tempt a follower.
	elsewhere = await cannedServer([{ status: 200, body: { Resources: [], totalResults: 0, data: { id: 'org1' } } }]);
	const target = `${elsewhere.url.replace('127.0.0.1', 'localhost')}/collect`;
	for (const status of [302, 307]) homes[status] = await cannedServer([{ status, headers: { location: target } }]);
	n8n = await N8n.create('credtest');
	await n8n.importCredentials([
		scim('credTestScimOk001', 'Sandbox directory', sandbox.scimBaseUrl, sandbox.directoryKey),
		scim('credTestScimBad01', 'Prod directory', sandbox.scimBaseUrl, 'wrong-directory-key-1234'),
		scim('credTestScim30201', 'Prod directory', `${homes[302].url}/scim/directory/d1`),
		scim('credTestScim30701', 'Prod directory', `${homes[307].url}/scim/directory/d1`),
		org('credTestOrg302001', 'Org admin', homes[302].url),
		org('credTestOrg307001', 'Org admin', homes[307].url),
	]);
	await n8n.start();
	await n8n.setupOwner(owner);
	cookie = await n8n.login(owner.email, owner.password);
});

afterAll(async () => {
	await n8n?.stop();
	await elsewhere?.close();
	for (const home of Object.values(homes)) await home.close();
	await sandbox?.close();
	n8n?.cleanup();
});

test('the editor offers the Test button through the node, and n8n has no declarative test to run instead', async () => {
	const nodes = (await n8n.nodeTypes(cookie)) as unknown as Array<{ name: string; credentials?: Array<{ name: string; testedBy?: string }> }>;
	const node = nodes.find((t) => t.name === NODE_TYPE);
	expect(node?.credentials?.map((c) => [c.name, c.testedBy])).toEqual([
		['atlassianScimApi', 'atlassianScimApiTest'],
		['atlassianOrganizationApi', 'atlassianOrganizationApiTest'],
	]);
	const types = await n8n.credentialTypes(cookie);
	for (const name of ['atlassianScimApi', 'atlassianOrganizationApi']) {
		const type = types.find((t) => t.name === name);
		expect(type).toBeDefined();
		expect(type?.test).toBeUndefined();
	}
});

test('a working directory credential passes, with one request to the directory', async () => {
	const before = sandbox.requests.length;
	const result = await n8n.testCredential(cookie, scim('credTestScimOk001', 'Sandbox directory', sandbox.scimBaseUrl, sandbox.directoryKey));
	expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
	const sent = sandbox.requests.slice(before);
	expect(sent.map((r) => `${r.method} ${r.path}?${r.query}`)).toEqual([`GET /scim/directory/${sandbox.directoryId}/Users?startIndex=1&count=1`]);
	expect(sent[0].headers.authorization).toBe(`Bearer ${sandbox.directoryKey}`);
});

test('a refused key: one request, and the message names the credential the admin chose', async () => {
	const before = sandbox.requests.length;
	const result = await n8n.testCredential(cookie, scim('credTestScimBad01', 'Prod directory', sandbox.scimBaseUrl, 'wrong-directory-key-1234'));
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(/^Atlassian SCIM API credential "Prod directory": the directory API key was refused \(401\)\. /);
	expect(result.message).not.toContain('wrong-directory-key-1234');
	expect(sandbox.requests.length - before).toBe(1);
});

describe.each([302, 307])('a base URL whose server answers %i to a second listener', (status) => {
	const cases = [
		{ what: 'directory credential', credential: () => scim(`credTestScim${status}01`, 'Prod directory', `${homes[status].url}/scim/directory/d1`), label: 'Atlassian SCIM API credential "Prod directory"' },
		{ what: 'organization credential', credential: () => org(`credTestOrg${status}001`, 'Org admin', homes[status].url), label: 'Atlassian Organization API credential "Org admin"' },
		{ what: 'directory credential not saved yet', credential: () => scim('', 'New directory', `${homes[status].url}/scim/directory/d1`), label: 'Atlassian SCIM API credential "New directory"' },
		{ what: 'organization credential not saved yet', credential: () => org('', 'New org', homes[status].url), label: 'Atlassian Organization API credential "New org"' },
	];
	test.each(cases)('$what: a failed test that names the redirect; the key never reaches the second listener', async ({ credential, label }) => {
		const home = homes[status];
		const seenHome = home.seen.length;
		const result = await n8n.testCredential(cookie, credential());
		const homeHost = new URL(home.url).host;
		expect(result.status).toBe('Error');
		expect(result.message.startsWith(`${label}: ${homeHost} answered with a redirect (${status}) to ${elsewhere.url.replace('127.0.0.1', 'localhost')}/collect, which is refused so the key stays on ${homeHost}.`)).toBe(true);
		expect(result.message).not.toContain(KEY);
		// One request, to the credential's own host, with its key; nothing at all at the second listener.
		expect(home.seen.slice(seenHome).map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
		expect(elsewhere.seen.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
		expect(elsewhere.seen).toHaveLength(0);
	});
});
