import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { AtlassianClient } from '../transport/client';
import { credentialTestContext } from '../transport/credentialTestContext';
import { credentialLabel } from '../transport/errors';
import { orgPath, USER_PATH } from '../transport/paths';

/**
 * The credentials' Test button (`testedBy` in the node's credentials). It sends one request with the node's own
 * client, so the test applies the node's URL checks and error wording, refuses redirects, and only ever puts the key
 * on the credential's own host. No retries: a click is one request, and the admin can click again.
 */
const SETTINGS = { maxRetries: 0, timeoutMs: 20_000 };

const OK: INodeCredentialTestResult = { status: 'OK', message: 'Connection tested successfully' };

function failed(error: unknown): INodeCredentialTestResult {
	const { message, description } = error as { message?: string; description?: string | null };
	return { status: 'Error', message: description ? `${message}. ${description}` : String(message) };
}

/** Lists one user: what every SCIM operation needs (the directory exists and the key may read it). */
export async function atlassianScimApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const client = await AtlassianClient.create(credentialTestContext(this, credential), 'scim', SETTINGS);
		const response = await client.request({
			method: 'GET',
			path: USER_PATH,
			query: { startIndex: 1, count: 1 },
			itemIndex: 0,
			subject: 'the directory',
			shape: 'list',
			expect: [404],
		});
		if (response.statusCode === 404) {
			return {
				status: 'Error',
				message: `${credentialLabel('scim', credential.name)}: no directory at this URL (404). Check the Directory base URL: it looks like https://api.atlassian.com/scim/directory/<directoryId>.`,
			};
		}
		return OK;
	} catch (error) {
		return failed(error);
	}
}

/** Reads the organization: the key is an organization key that may administer this Organization ID. */
export async function atlassianOrganizationApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const client = await AtlassianClient.create(credentialTestContext(this, credential), 'admin', SETTINGS);
		const label = credentialLabel('admin', credential.name);
		let path: string;
		try {
			path = orgPath(client, '', 'the Organization ID');
		} catch (error) {
			return { status: 'Error', message: `${label}: ${(error as Error).message}` };
		}
		const response = await client.request({
			method: 'GET',
			path,
			itemIndex: 0,
			subject: `organization "${client.organizationId}"`,
			expect: [404],
		});
		if (response.statusCode === 404) {
			return { status: 'Error', message: `${label}: organization "${client.organizationId}" not found (404). Check the Organization ID.` };
		}
		return OK;
	} catch (error) {
		return failed(error);
	}
}
