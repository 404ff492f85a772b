import { lifecycleOperation } from './lifecycle';

export const { description, prepare, execute } = lifecycleOperation(
	'deactivateAccount',
	'deactivate',
	'Deactivates (blocks) the Atlassian accounts: they cannot log in to any Atlassian product. Managed accounts only; accounts synced from an identity provider are deactivated there. Reversible with Reactivate.',
	[
		{
			displayName: 'Message',
			name: 'message',
			type: 'string',
			default: '',
			placeholder: 'e.g. Left the company on 2026-11-30',
			description: 'Shown with the block. Leave empty for Atlassian\'s default message.',
			displayOptions: { show: { resource: ['account'], operation: ['deactivateAccount'] } },
		},
	],
);
