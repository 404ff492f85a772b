import { sleep, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { filtersCollection, optionsCollection, returnAllFields } from '../../helpers/descriptions';
import { parseList } from '../../helpers/lists';
import { toolFetchLimit, toolFilters } from '../../helpers/tool';
import { invalid, requireText } from '../../helpers/validation';
import { cursorOf } from '../../transport/paging';
import { directoryUsersPath } from '../../transport/paths';
import type { Clients } from '../types';
import { activityOf, inactiveFor } from './activity';
import { directoryField, show as showFor } from './fields';
import { checkEmail } from '../../models/accounts';
import { directoryOf } from './lookup';

const show = showFor('search');
const PAGE = 100;

export const STATUSES = [
	{ name: 'Active', value: 'active' },
	{ name: 'Deactivated', value: 'deactivated' },
	{ name: 'Not Invited (Removed From Directories)', value: 'not_invited' },
	{ name: 'Pending Deletion', value: 'for_deletion' },
	{ name: 'Suspended', value: 'suspended' },
];

/** Roles by the names Atlassian Administration shows, with the role ID (what the API takes) as the value. */
const ROLES = [
	{ name: 'AI Access', value: 'atlassian/ai-access' },
	{ name: 'App Admin', value: 'atlassian/admin' },
	{ name: 'Basic', value: 'atlassian/basic' },
	{ name: 'Contributor', value: 'atlassian/contributor' },
	{ name: 'Customer', value: 'atlassian/customer' },
	{ name: 'Guest', value: 'atlassian/guest' },
	{ name: 'Organization Admin', value: 'atlassian/org-admin' },
	{ name: 'Site Admin', value: 'atlassian/site-admin' },
	{ name: 'Stakeholder', value: 'atlassian/stakeholder' },
	{ name: 'User', value: 'atlassian/user' },
	{ name: 'User Access Admin', value: 'atlassian/user-access-admin' },
].map((role) => ({ ...role, description: role.value }));

export const description: INodeProperties[] = [
	directoryField(['search']),
	...returnAllFields('accounts', show),
	...filtersCollection(show, [
			{
				displayName: 'Email Domains',
				name: 'emailDomains',
				type: 'string',
				default: '',
				placeholder: 'e.g. example.com, example.org',
			},
			{
				displayName: 'Emails',
				name: 'emails',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				placeholder: 'e.g. ada@example.com, grace@example.com',
				description: 'Only accounts with exactly these emails (commas or new lines). Cannot be combined with Search Term.',
			},
			{
				displayName: 'Group IDs',
				name: 'groupIds',
				type: 'string',
				default: '',
				description: 'Only members of these groups (IDs, commas or new lines)',
			},
			{
				displayName: 'Inactive for at Least (Days)',
				name: 'inactiveDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 90,
				description:
					'Only accounts whose most recent activity in any product is at least this many days ago, or that were never active and were added at least this many days ago. Atlassian\'s activity data can be up to 24 hours late. Includes product access.',
			},
			{
				displayName: 'Managed',
				name: 'claimStatus',
				type: 'options',
				options: [
					{ name: 'Managed Accounts Only', value: 'managed', description: 'Accounts on a domain your organization verified' },
					{ name: 'Unmanaged Accounts Only', value: 'unmanaged' },
				],
				default: 'managed',
			},
			{
				displayName: 'Roles',
				name: 'roleIds',
				type: 'multiOptions',
				options: ROLES,
				default: [],
			},
			{
				displayName: 'Search Term',
				name: 'searchTerm',
				type: 'string',
				default: '',
				description: 'Part of a name, nickname or email. Cannot be combined with Emails.',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: STATUSES,
				default: [],
			},
		]),
	optionsCollection(show, [
		{
			displayName: 'Include Groups',
			name: 'includeGroups',
			type: 'boolean',
			default: false,
			description: 'Whether to add each account\'s groups in the directory',
		},
		{
			displayName: 'Include Product Access',
			name: 'includeProductAccess',
			type: 'boolean',
			default: false,
			description:
				'Whether to add each account\'s products with the last active time, plus lastActive (the most recent), daysSinceLastActive and neverActive',
		},
	]),
];

/** The search body for the chosen filters; validated before anything is sent. */
function searchBody(ctx: IExecuteFunctions, i: number, filters: IDataObject, expand: string[]): IDataObject {
	const node = ctx.getNode();
	const body: IDataObject = {};
	const list = (field: string, value: unknown, example: string) => parseList(node, i, `Filters: ${field}`, value, example);
	if (filters.emails !== undefined && filters.searchTerm !== undefined) {
		throw invalid(node, i, 'Filters', 'Emails and Search Term cannot be used together (Atlassian answers 400)', 'either Emails or Search Term');
	}
	if (filters.emails !== undefined) body.emails = list('Emails', filters.emails, '"ada@example.com"').map((e) => checkEmail(node, i, 'Filters: Emails', e));
	if (filters.searchTerm !== undefined) body.searchTerm = requireText(node, i, 'Filters: Search Term', filters.searchTerm, '"lovelace"');
	if (filters.status !== undefined) {
		const status = filters.status as string[];
		if (!Array.isArray(status) || !status.length) throw invalid(node, i, 'Filters: Status', 'no status chosen', '["active"]');
		const known = STATUSES.map((s) => s.value);
		const unknown = status.find((s) => !known.includes(s));
		if (unknown !== undefined) throw invalid(node, i, 'Filters: Status', `"${String(unknown)}" is not a status`, known.map((s) => `"${s}"`).join(', '));
		body.status = status;
	}
	if (filters.claimStatus !== undefined) {
		if (!['managed', 'unmanaged'].includes(String(filters.claimStatus))) throw invalid(node, i, 'Filters: Managed', `"${String(filters.claimStatus)}" is not a choice`, '"managed" or "unmanaged"');
		body.claimStatus = filters.claimStatus;
	}
	if (filters.emailDomains !== undefined) body.emailDomains = list('Email Domains', filters.emailDomains, '"example.com"').map((d) => d.replace(/^@/, '').toLowerCase());
	if (filters.groupIds !== undefined) body.groupIds = list('Group IDs', filters.groupIds, '"5f3e9a2c-…"');
	if (filters.roleIds !== undefined) {
		const roles = filters.roleIds as string[];
		if (!Array.isArray(roles) || !roles.length) throw invalid(node, i, 'Filters: Roles', 'no role chosen', '["atlassian/user"]');
		body.roleIds = roles;
	}
	if (expand.length) body.expand = expand;
	return body;
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const asked = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	if (asked !== undefined && (!Number.isInteger(asked) || asked < 1)) throw invalid(node, i, 'Limit', `${asked} is not a positive whole number`, '50');
	const limit = toolFetchLimit(this, asked);
	const filters = toolFilters(this, this.getNodeParameter('filters', i, {}) as IDataObject);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	let inactiveDays: number | undefined;
	if (filters.inactiveDays !== undefined) {
		inactiveDays = Number(filters.inactiveDays);
		if (!Number.isInteger(inactiveDays) || inactiveDays < 1) throw invalid(node, i, 'Filters: Inactive for at Least (Days)', `${String(filters.inactiveDays)} is not a positive whole number`, '90');
	}
	const withActivity = options.includeProductAccess === true || inactiveDays !== undefined;
	const expand = [...(withActivity ? ['productAccess'] : []), ...(options.includeGroups ? ['groups'] : [])];
	const body = searchBody(this, i, filters, expand);
	const directoryId = directoryOf(this, i);
	const client = await clients.admin();
	const now = Date.now();
	const out: IDataObject[] = [];
	let cursor: string | undefined;
	let pages = 0;
	do {
		// Without a local filter, never ask for more than the limit needs.
		const pageSize = limit === undefined || inactiveDays !== undefined ? PAGE : Math.min(PAGE, limit - out.length);
		const response = await client.request({
			method: 'POST',
			path: directoryUsersPath(client, directoryId, '/search'),
			body: { ...body, limit: pageSize, ...(cursor ? { cursor } : {}) },
			json: true,
			itemIndex: i,
			subject: 'the account search',
		});
		const users = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
		for (const user of users) {
			if (withActivity) {
				const activity = activityOf(Array.isArray(user.productAccess) ? (user.productAccess as IDataObject[]) : [], now);
				if (inactiveDays !== undefined && !inactiveFor(activity, user.addedToOrg, inactiveDays, now)) continue;
				out.push({ ...user, ...activity });
			} else out.push(user);
			if (limit !== undefined && out.length >= limit) break;
		}
		cursor = cursorOf((response.body.links as IDataObject | undefined)?.next);
		// Yield between pages so a 10,000-account search does not hold the event loop for a whole run.
		if (++pages % 20 === 0) await sleep(0);
	} while (cursor && (limit === undefined || out.length < limit));
	return out;
}
