import { AtlassianScimApi } from '../../credentials/AtlassianScimApi.credentials';
import { cannedServer } from '../helpers/cannedServer';
import { runNode } from '../helpers/engine';
import { locator } from '../helpers/credentials';

const KEY = 'directory-key-that-must-never-leak-0001';

test('a redirect to another host is refused and the key is never sent there', async () => {
	const elsewhere = await cannedServer([{ status: 200, body: { id: 'stolen' } }]);
	const home = await cannedServer([{ status: 302, headers: { location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/steal` } }]);
	try {
		const { error, items } = await runNode({
			parameters: { resource: 'user', operation: 'get', userId: locator('id', 'u1') },
			credentials: { atlassianScimApi: { directoryBaseUrl: `${home.url}/scim/directory/d1`, apiKey: KEY } },
			credentialNames: { atlassianScimApi: 'Prod directory' },
		});
		expect(items).toHaveLength(0);
		const homeHost = new URL(home.url).host;
		expect(error?.message).toBe(
			`Atlassian SCIM API credential "Prod directory": ${homeHost} answered with a redirect (302) to ${elsewhere.url.replace('127.0.0.1', 'localhost')}/steal, which is refused so the key stays on ${homeHost}`,
		);
		expect(error?.httpCode).toBe('302');
		expect(elsewhere.seen).toHaveLength(0);
		expect(JSON.stringify(error)).not.toContain(KEY);
	} finally {
		await elsewhere.close();
		await home.close();
	}
});

test('the admin API: a redirect to another host is refused and the organization key is never sent there', async () => {
	const elsewhere = await cannedServer([{ status: 204 }]);
	const home = await cannedServer([{ status: 307, headers: { location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/steal` } }]);
	try {
		const { error, items } = await runNode({
			parameters: { resource: 'user', operation: 'deleteInDb', accountIds: 'abc123' },
			credentials: { atlassianOrganizationApi: { organizationId: 'org1', apiKey: KEY, baseUrl: home.url } },
		});
		expect(items).toHaveLength(0);
		expect(error?.message).toMatch(/^Atlassian Organization API credential "Test atlassianOrganizationApi": .* answered with a redirect \(307\) to http:\/\/localhost:\d+\/steal, which is refused so the key stays on /);
		expect(elsewhere.seen).toHaveLength(0);
		expect(home.seen).toHaveLength(1);
		expect(JSON.stringify(error)).not.toContain(KEY);
	} finally {
		await elsewhere.close();
		await home.close();
	}
});

test('the credential only ever puts its key on requests to its own host, over https or loopback http', async () => {
	const authenticate = new AtlassianScimApi().authenticate;
	const credentials = { directoryBaseUrl: 'https://api.atlassian.com/scim/directory/abc', apiKey: KEY };
	const ok = await authenticate(credentials, { url: 'https://api.atlassian.com/scim/directory/abc/Users' });
	expect(ok.headers?.Authorization).toBe(`Bearer ${KEY}`);
	await expect(authenticate(credentials, { url: 'https://evil.example.com/scim/directory/abc/Users' })).rejects.toThrow(
		/refusing to send the API key to evil\.example\.com/,
	);
	await expect(
		authenticate({ directoryBaseUrl: 'http://api.atlassian.com/scim/directory/abc', apiKey: KEY }, { url: 'http://api.atlassian.com/scim/directory/abc/Users' }),
	).rejects.toThrow(/plain http:\/\/ is only allowed for 127\.0\.0\.1 or localhost/);
	const loopback = await authenticate({ directoryBaseUrl: 'http://127.0.0.1:9/scim/directory/abc', apiKey: KEY }, { url: 'http://127.0.0.1:9/scim/directory/abc/Users' });
	expect(loopback.headers?.Authorization).toBe(`Bearer ${KEY}`);
});

test('a plain http:// directory URL that is not loopback fails before any request, without the key in the message', async () => {
	const { error } = await runNode({
		parameters: { resource: 'user', operation: 'get', userId: locator('id', 'u1') },
		credentials: { atlassianScimApi: { directoryBaseUrl: 'http://api.atlassian.example/scim/directory/d1', apiKey: KEY } },
	});
	expect(error?.message).toBe(
		'Atlassian SCIM API credential "Test atlassianScimApi": "http://api.atlassian.example" is refused. Use an https:// URL (plain http:// is only allowed for 127.0.0.1 or localhost).',
	);
	expect(JSON.stringify(error)).not.toContain(KEY);
});
