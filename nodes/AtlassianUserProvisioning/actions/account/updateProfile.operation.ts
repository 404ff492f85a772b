import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/descriptions';
import { invalid, requireText, validLanguage, validTimezone } from '../../helpers/validation';
import { managePath } from '../../transport/paths';
import type { Clients } from '../types';
import { accountField } from './fields';
import { checkEmail, isEmail } from '../../models/accounts';
import { oneAccount } from './lookup';
import { explained, getProfile } from './profile';

const show = { resource: ['account'], operation: ['updateProfile'] };

/** Field → where it lives in the profile, and its label in the "what changed" report. */
const FIELDS: Array<{ name: string; label: string; path: [string] | ['extended_profile', string] }> = [
	{ name: 'name', label: 'Full Name', path: ['name'] },
	{ name: 'nickname', label: 'Public Name', path: ['nickname'] },
	{ name: 'jobTitle', label: 'Job Title', path: ['extended_profile', 'job_title'] },
	{ name: 'department', label: 'Department', path: ['extended_profile', 'department'] },
	{ name: 'organization', label: 'Organization', path: ['extended_profile', 'organization'] },
	{ name: 'location', label: 'Location', path: ['extended_profile', 'location'] },
	{ name: 'timezone', label: 'Timezone', path: ['zoneinfo'] },
	{ name: 'locale', label: 'Language', path: ['locale'] },
];

const text = (displayName: string, name: string, description: string, placeholder: string): INodeProperties => ({ displayName, name, type: 'string', default: '', description, placeholder });

export const description: INodeProperties[] = [
	{
		displayName:
			'Managed accounts only. For accounts synced from an identity provider (SCIM, Google Workspace), Atlassian refuses the fields the provider owns: change them there.',
		name: 'updateProfileNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	accountField(['updateProfile']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			text('Department', 'department', 'Department', 'e.g. Engineering'),
			text('Full Name', 'name', 'Full name (at most 100 characters). A SCIM user\'s Display Name sets it.', 'e.g. Ada Lovelace'),
			text('Job Title', 'jobTitle', 'Job title (Title in a SCIM user)', 'e.g. Analyst'),
			text('Language', 'locale', 'BCP 47 language tag (Preferred Language in a SCIM user)', 'e.g. en-US'),
			text('Location', 'location', 'Where the person works', 'e.g. London'),
			text('Organization', 'organization', 'Organization', 'e.g. Example Corp'),
			text('Public Name', 'nickname', 'The public name shown to others (Nick Name in a SCIM user)', 'e.g. Ada'),
			text('Timezone', 'timezone', 'IANA time zone name', 'e.g. Europe/London'),
		],
	},
	optionsCollection(show, [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'profile',
			options: [
				{ name: 'Updated Profile', value: 'profile' },
				{ name: 'What Changed', value: 'changes', description: 'Each changed field with its value before and after, and a one-line summary for emails' },
			],
		},
	]),
];

const valueAt = (profile: IDataObject, path: string[]): unknown =>
	path.length === 1 ? profile[path[0]] : ((profile[path[0]] as IDataObject | undefined) ?? {})[path[1]];

/** Sends only the fields that differ from the current profile; nothing at all when every value already holds. */
export interface ProfilePlan {
	entry: string;
	wanted: Array<{ field: (typeof FIELDS)[number]; value: string }>;
	reportChanges: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): ProfilePlan {
	const node = this.getNode();
	const entry = requireText(node, i, 'Account', this.getNodeParameter('account', i), '"5f45327791e67a003fed461e" or "ada@example.com"');
	if (isEmail(entry)) checkEmail(node, i, 'Account', entry);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const wanted: ProfilePlan['wanted'] = [];
	for (const field of FIELDS) {
		if (fields[field.name] === undefined) continue;
		let value = requireText(node, i, `Update Fields: ${field.label}`, fields[field.name], '"Ada Lovelace"');
		if (field.name === 'timezone') value = validTimezone(node, i, value);
		if (field.name === 'locale') value = validLanguage(node, i, value);
		if (field.name === 'name' && value.length > 100) throw invalid(node, i, 'Update Fields: Full Name', `${value.length} characters; Atlassian allows at most 100`, '"Ada Lovelace"');
		wanted.push({ field, value });
	}
	if (!wanted.length) throw invalid(node, i, 'Update Fields', 'no field to update', 'Job Title "Analyst"');
	return { entry, wanted, reportChanges: options.output === 'changes' };
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, { entry, wanted, reportChanges }: ProfilePlan): Promise<IDataObject[]> {
	const { client, accountId } = await oneAccount(this, i, clients, entry);
	const subject = `account "${entry}"`;
	const before = await getProfile(client, accountId, i, subject);
	const changes = wanted.filter(({ field, value }) => (valueAt(before, field.path) ?? null) !== value);
	let after = before;
	if (changes.length) {
		const body: IDataObject = {};
		for (const { field, value } of changes) {
			if (field.path.length === 1) body[field.path[0]] = value;
			else ((body.extended_profile ??= {}) as IDataObject)[field.path[1]] = value;
		}
		const response = await client
			.request({ method: 'PATCH', path: managePath(accountId, '/profile'), body, json: true, itemIndex: i, subject })
			.catch(async (caught: unknown) => await explained(client, accountId, 'profile.write', i, caught));
		clients.wrote(i, entry, `profile updated (${changes.map(({ field }) => field.label).join(', ')})`);
		after = (response.body.account as IDataObject | undefined) ?? (await getProfile(client, accountId, i, subject));
	}
	if (!reportChanges) return [after];
	const report = changes.map(({ field }) => ({ field: field.label, before: (valueAt(before, field.path) as string | null | undefined) ?? null, after: (valueAt(after, field.path) as string | null | undefined) ?? null }));
	return [
		{
			accountId,
			changed: report.length > 0,
			changes: report,
			summary: report.length ? report.map((c) => `${c.field}: ${c.before ?? '(empty)'} → ${c.after ?? '(empty)'}`).join('\n') : 'No changes',
		},
	];
}
