import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { bearerAuthentication } from './bearerAuthentication';

/** The organization admin API: organization ID and an organization API key (not a directory key). */
export class AtlassianOrganizationApi implements ICredentialType {
	name = 'atlassianOrganizationApi';

	displayName = 'Atlassian Organization API';

	icon: Icon = { light: 'file:atlassian.svg', dark: 'file:atlassian.dark.svg' };

	documentationUrl =
		'https://support.atlassian.com/organization-administration/docs/manage-an-organization-with-the-admin-apis/';

	properties: INodeProperties[] = [
		{
			// On screen, not in a tooltip: where both values come from, and which key this is.
			displayName:
				'Both values are on admin.atlassian.com → Settings → API keys: create a key without scopes (the organization ID is shown with it). This organization API key is not the directory (SCIM) key from Security → Identity providers.',
			name: 'whereNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 9a1jj823-jac8-123d-jj01-63315k059cb2',
			description:
				'Shown when you create the key (admin.atlassian.com → Settings → API keys), and in the admin URL, right after /o/: admin.atlassian.com/o/{organization ID}/overview',
		},
		{
			displayName: 'Organization API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Created at admin.atlassian.com → Settings → API keys. Create it without scopes: scoped keys are refused by the user provisioning admin API. This is not the directory (SCIM) key.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.atlassian.com',
			description: 'Change only for a proxy or a test server',
		},
	];

	// No declarative `test`: n8n would follow redirects with the key. The node tests this credential with its own
	// client instead (`testedBy` in AtlassianUserProvisioning.node.ts, methods/credentialTest.ts).
	authenticate = bearerAuthentication({
		credentialName: 'Atlassian Organization API',
		keyField: 'apiKey',
		baseUrl: (credentials) => String(credentials.baseUrl || 'https://api.atlassian.com'),
	});
}
