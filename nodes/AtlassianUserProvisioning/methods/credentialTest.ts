import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { AtlassianClient } from '../transport/client';
import { credentialTestContext } from '../transport/credentialTestContext';
import { credentialLabel, DIRECTORY_GONE } from '../transport/errors';
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

/** How long before a directory key's recorded expiry the Test button warns. */
const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * A key that works today but expires within two weeks (by the credential's "Key Expires On"): Atlassian sends no
 * warning and every workflow stops that day. n8n's Test button only knows OK and Error, and shows no text for OK,
 * so the warning is an Error whose message says the connection works.
 */
function expiryWarning(credential: ICredentialsDecrypted): INodeCredentialTestResult | undefined {
	const recorded = credential.data?.keyExpiresOn;
	const at = typeof recorded === 'string' && recorded ? Date.parse(recorded) : Number.NaN;
	if (Number.isNaN(at)) return undefined;
	const days = Math.ceil((at - Date.now()) / DAY_MS);
	if (days > EXPIRY_WARNING_DAYS) return undefined;
	const day = new Date(at).toISOString().slice(0, 10);
	const label = credentialLabel('scim', credential.name);
	const when = days > 1 ? `in ${days} days, on ${day}` : days === 1 ? `tomorrow, on ${day}` : days === 0 ? `today, on ${day}` : `on ${day}, which has passed`;
	const what = days < 0 ? 'Update Key Expires On to the new date if the key was regenerated.' : 'Regenerate it (Security → Identity providers → your directory) and put the new key here before then.';
	return {
		status: 'Error',
		message: `The connection works, but the key of the ${label} expires ${when} by its Key Expires On. ${what}`,
	};
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
				message: `${credentialLabel('scim', credential.name)}: directory not found (404): ${DIRECTORY_GONE}.`,
			};
		}
		return expiryWarning(credential) ?? OK;
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
