import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

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
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 9a1jj823-jac8-123d-jj01-63315k059cb2',
			description:
				'Shown when you create the key (admin.atlassian.com → Settings → API keys), and in the admin URL: admin.atlassian.com/o/<organizationId>/…',
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

	authenticate = bearerAuthentication({
		credentialName: 'Atlassian Organization API',
		keyField: 'apiKey',
		baseUrl: (credentials) => String(credentials.baseUrl || 'https://api.atlassian.com'),
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl || "https://api.atlassian.com").trim().replace(/\\/+$/, "") }}',
			url: '={{ "/admin/v1/orgs/" + encodeURIComponent(String($credentials.organizationId).trim()) }}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Atlassian Organization API: the organization API key was refused (401). It may be mistyped or expired (organization keys last at most one year). Create one at Settings → API keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Atlassian Organization API: the key may not access this organization (403). Check the Organization ID, and that the key is an organization API key without scopes, not a directory (SCIM) key.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Atlassian Organization API: organization not found (404). Check the Organization ID.',
				},
			},
		],
	};
}
