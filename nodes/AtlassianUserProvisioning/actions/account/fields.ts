import type { INodeProperties } from 'n8n-workflow';

export const show = (operation: string) => ({ resource: ['account'], operation: [operation] });

/** The directory picker: "All directories" ('-') or one directory from GET /admin/v2/orgs/{orgId}/directories. */
export const directoryField = (operations: string[], hint?: string): INodeProperties => ({
	displayName: 'Directory',
	name: 'directory',
	type: 'resourceLocator',
	default: { mode: 'list', value: '-', cachedResultName: 'All directories' },
	required: true,
	description: 'The organization directory. "All directories" acts in every directory the account is in.',
	hint,
	displayOptions: { show: { resource: ['account'], operation: operations } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a directory...',
			typeOptions: { searchListMethod: 'searchDirectories', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6a2c6e1e-8f0e-4c52-9e5e-3b8a4e1c0d2f, or - for all',
		},
	],
});

/** One account per item, by Atlassian account ID or email. */
export const accountField = (operations: string[]): INodeProperties => ({
	displayName: 'Account',
	name: 'account',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. ada@example.com or an account ID',
	description: 'An Atlassian account ID, or the account\'s email address (looked up in the organization first)',
	displayOptions: { show: { resource: ['account'], operation: operations } },
});

/** Bulk operations: one account, or a list (as Delete in SCIM DB takes). */
export const accountsField = (operations: string[]): INodeProperties => ({
	displayName: 'Accounts',
	name: 'accounts',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
	placeholder: 'e.g. 5f45327791e67a003fed461e, ada@example.com',
	description:
		'One Atlassian account ID or email, or several separated by commas or new lines, or a list from an expression. Emails are looked up in the organization first. One output item per account, with its outcome.',
	displayOptions: { show: { resource: ['account'], operation: operations } },
});

/** What an operation on a list of accounts opens with: a notice saying what it does, then the accounts. */
export function noticeAndAccounts(operation: string, notice: string): INodeProperties[] {
	return [
		{
			displayName: notice,
			name: `${operation}Notice`,
			type: 'notice',
			default: '',
			displayOptions: { show: { resource: ['account'], operation: [operation] } },
		},
		accountsField([operation]),
	];
}
