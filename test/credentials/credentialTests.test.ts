import { startSandbox, type Sandbox } from '../../sandbox';
import { testCredential } from '../helpers/engine';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => await sandbox.close());

describe('Atlassian SCIM API credential test', () => {
	test('passes with the directory base URL and key (trailing slash trimmed)', async () => {
		expect(await testCredential('atlassianScimApi', { directoryBaseUrl: `${sandbox.scimBaseUrl}/`, apiKey: sandbox.directoryKey })).toEqual({
			status: 'OK',
			message: 'Connection tested successfully',
		});
		const last = sandbox.requests[sandbox.requests.length - 1];
		expect(last.path).toBe(`/scim/directory/${sandbox.directoryId}/Users`);
		expect(last.headers.authorization).toBe(`Bearer ${sandbox.directoryKey}`);
	});

	test('a wrong key names the credential and the likely cause', async () => {
		const result = await testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: 'not-the-key' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Atlassian SCIM API: the directory API key was refused \(401\)/);
		expect(result.message).toMatch(/expired|regenerated/);
	});

	test('the organization key on the directory says so', async () => {
		const result = await testCredential('atlassianScimApi', { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.orgKey });
		expect(result.message).toMatch(/403.*organization API key/);
	});

	test('plain http:// to a host that is not loopback is refused before anything is sent', async () => {
		const before = sandbox.stats().requests;
		const result = await testCredential('atlassianScimApi', { directoryBaseUrl: 'http://api.atlassian.example/scim/directory/x', apiKey: 'k' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/https:\/\//);
		expect(sandbox.stats().requests).toBe(before);
	});
});

describe('Atlassian Organization API credential test', () => {
	test('passes with organization ID, key and base URL', async () => {
		expect(await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: sandbox.url })).toMatchObject({ status: 'OK' });
		const last = sandbox.requests[sandbox.requests.length - 1];
		expect(last.path).toBe(`/admin/v1/orgs/${sandbox.orgId}`);
	});

	test('a trailing slash on the base URL is trimmed', async () => {
		expect(await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: `${sandbox.url}/` })).toMatchObject({ status: 'OK' });
		const last = sandbox.requests[sandbox.requests.length - 1];
		expect(last.path).toBe(`/admin/v1/orgs/${sandbox.orgId}`);
		expect(last.headers.authorization).toBe(`Bearer ${sandbox.orgKey}`);
	});

	test('plain http:// to a host that is not loopback is refused before anything is sent', async () => {
		const before = sandbox.stats().requests;
		const result = await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: 'k', baseUrl: 'http://api.atlassian.example' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Atlassian Organization API: "http:\/\/api\.atlassian\.example" is refused/);
		expect(sandbox.stats().requests).toBe(before);
	});

	test('a wrong key names the credential and the likely cause', async () => {
		const result = await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: 'nope', baseUrl: sandbox.url });
		expect(result.message).toMatch(/^Atlassian Organization API: the organization API key was refused \(401\)/);
	});

	test('the directory key, or a wrong organization ID, say which to check', async () => {
		const directoryKey = await testCredential('atlassianOrganizationApi', { organizationId: sandbox.orgId, apiKey: sandbox.directoryKey, baseUrl: sandbox.url });
		expect(directoryKey.message).toMatch(/403.*Organization ID.*not a directory \(SCIM\) key/);
		const otherOrg = await testCredential('atlassianOrganizationApi', { organizationId: 'some-other-org', apiKey: sandbox.orgKey, baseUrl: sandbox.url });
		expect(otherOrg.status).toBe('Error');
		expect(otherOrg.message).toMatch(/Organization ID/);
	});
});
