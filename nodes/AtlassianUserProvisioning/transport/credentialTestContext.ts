import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';

import { AtlassianOrganizationApi } from '../../../credentials/AtlassianOrganizationApi.credentials';
import { AtlassianScimApi } from '../../../credentials/AtlassianScimApi.credentials';
import type { ClientContext } from './client';

/** The same `authenticate` n8n applies when the node runs: https-or-loopback, and the key only to the credential's host. */
const AUTHENTICATE: Record<string, (credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) => Promise<IHttpRequestOptions>> = {
	atlassianScimApi: new AtlassianScimApi().authenticate,
	atlassianOrganizationApi: new AtlassianOrganizationApi().authenticate,
};

/**
 * Lets the node's own client run inside n8n's credential test. n8n hands a credential test only `helpers.request`
 * (the legacy request options, no `httpRequestWithAuthentication`), so this applies the credential's `authenticate`
 * itself and sends with redirects off: a 3xx comes back to the client as an answer, which refuses it, and the key
 * never travels to the address it points at.
 */
export function credentialTestContext(test: ICredentialTestFunctions, credential: ICredentialsDecrypted): ClientContext {
	const data: ICredentialDataDecryptedObject = credential.data ?? {};
	// The node the errors are about; its `credentials` carries the name the admin gave, as a workflow node's does.
	const node: INode = {
		id: 'credential-test',
		name: 'Credential test',
		type: 'atlassianUserProvisioning',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credential.type]: { id: credential.id || null, name: credential.name } },
	};
	return {
		getNode: () => node,
		getCredentials: async <T extends object>() => ({ ...data }) as T,
		helpers: {
			async httpRequestWithAuthentication(credentialsType: string, requestOptions: IHttpRequestOptions) {
				const authenticate = AUTHENTICATE[credentialsType];
				if (!authenticate) throw new Error(`No credential test for ${credentialsType}`);
				const signed = await authenticate(data, requestOptions);
				const response = (await test.helpers.request({
					method: signed.method ?? 'GET',
					uri: signed.url,
					headers: signed.headers,
					body: signed.body,
					json: false,
					timeout: signed.timeout,
					resolveWithFullResponse: true,
					simple: false,
					followRedirect: false,
					followAllRedirects: false,
					maxRedirects: 0,
					sendCredentialsOnCrossOriginRedirect: false,
				})) as { statusCode: number; headers?: IDataObject; body?: unknown };
				return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body };
			},
		},
	};
}
