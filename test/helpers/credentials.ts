import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Credentials pointing at a running sandbox. */
export function sandboxCredentials(sandbox: {
	scimBaseUrl: string;
	directoryKey: string;
	url: string;
	orgId: string;
	orgKey: string;
}): Record<string, ICredentialDataDecryptedObject> {
	return {
		atlassianScimApi: { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey },
		atlassianOrganizationApi: { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: sandbox.url },
	};
}

/** A resource locator value, as the UI stores it. */
export function locator(mode: 'list' | 'id' | 'userName' | 'name', value: string) {
	return { __rl: true, mode, value };
}
