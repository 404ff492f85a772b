import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { bearerAuthentication } from './bearerAuthentication';

/** The SCIM directory: one directory's base URL and its directory API key (not the organization key). */
export class AtlassianScimApi implements ICredentialType {
	name = 'atlassianScimApi';

	displayName = 'Atlassian SCIM API';

	icon: Icon = { light: 'file:atlassian.svg', dark: 'file:atlassian.dark.svg' };

	documentationUrl =
		'https://developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/#using-the-user-provisioning-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Directory Base URL',
			name: 'directoryBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.atlassian.com/scim/directory/<directoryId>',
			description:
				'Exactly as Atlassian shows it: admin.atlassian.com → your organization → Security → Identity providers → your directory → User provisioning (shown once, when the API key is created or regenerated)',
		},
		{
			displayName: 'Directory API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The directory API key shown next to the Directory base URL (Security → Identity providers → your directory → ⋯ → Regenerate API key). It is not the organization API key from Settings → API keys.',
		},
		{
			displayName: 'Key Expiry Date (Optional)',
			name: 'keyExpiresOn',
			type: 'dateTime',
			default: '',
			description:
				'Directory keys made since January 2025 expire after one year and Atlassian sends no warning. The date is shown next to the key on the directory page; with it, an authentication error can tell you when the key has expired.',
		},
	];

	authenticate = bearerAuthentication({
		credentialName: 'Atlassian SCIM API',
		keyField: 'apiKey',
		baseUrl: (credentials) => String(credentials.directoryBaseUrl ?? ''),
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.directoryBaseUrl).trim().replace(/\\/+$/, "") }}',
			url: '/Users',
			qs: { startIndex: 1, count: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Atlassian SCIM API: the directory API key was refused (401). It may be mistyped, expired (directory keys expire after one year) or regenerated since. Copy a new key from Security → Identity providers → your directory.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Atlassian SCIM API: the key is not allowed on this directory (403). It is probably the organization API key (Settings → API keys) or another directory\'s key: use the key shown with this Directory base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Atlassian SCIM API: no directory at this URL (404). Check the Directory base URL: https://api.atlassian.com/scim/directory/<directoryId>.',
				},
			},
		],
	};
}
