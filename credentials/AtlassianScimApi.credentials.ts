import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { bearerAuthentication } from './bearerAuthentication';
import { directoryBaseUrl } from './directoryUrl';

/** The SCIM directory: one directory's base URL and its directory API key (not the organization key). */
export class AtlassianScimApi implements ICredentialType {
	name = 'atlassianScimApi';

	displayName = 'Atlassian SCIM API';

	icon: Icon = { light: 'file:atlassian.svg', dark: 'file:atlassian.dark.svg' };

	documentationUrl =
		'https://developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/#using-the-user-provisioning-api';

	properties: INodeProperties[] = [
		{
			// On screen, not in a tooltip: where both values come from, and which key this is.
			displayName:
				'Both values are on admin.atlassian.com → Security → Identity providers → your directory → User provisioning (the key is shown once, when it is created or regenerated). This directory API key is not the organization API key from Settings → API keys.',
			name: 'whereNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Directory Base URL',
			name: 'directoryBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.atlassian.com/scim/directory/<directoryId>',
			description:
				'Exactly as Atlassian shows it: admin.atlassian.com → your organization → Security → Identity providers → your directory → User provisioning (shown once, when the API key is created or regenerated). The directory ID alone also works, and a trailing /Users is ignored.',
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
			displayName: 'Key Expires On',
			name: 'keyExpiresOn',
			type: 'dateTime',
			// The directory page shows a date; a time of day would be noise. Saved values stay ISO strings either way.
			typeOptions: { dateOnly: true },
			default: '',
			description:
				'Directory keys made since January 2025 expire after one year and Atlassian sends no warning. The date is shown next to the key on the directory page; with it, an authentication error can tell you when the key has expired.',
		},
	];

	// No declarative `test`: n8n would follow redirects with the key. The node tests this credential with its own
	// client instead (`testedBy` in AtlassianUserProvisioning.node.ts, methods/credentialTest.ts).
	authenticate = bearerAuthentication({
		credentialName: 'Atlassian SCIM API',
		keyField: 'apiKey',
		baseUrl: (credentials) => directoryBaseUrl(credentials.directoryBaseUrl),
	});
}
