import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	attributesOption,
	excludedAttributesOption,
	filtersCollection,
	returnAllFields,
	simplifyField,
	simplifyWanted,
	optionsCollection,
} from '../../helpers/descriptions';
import { attributeQuery, simplifyUser } from '../../helpers/output';
import { toolFetchLimit, toolFilters } from '../../helpers/tool';
import { invalid, requireText } from '../../helpers/validation';
import { scimPages } from '../../transport/paging';
import { scimString, USER_PATH } from '../../transport/paths';
import type { Clients } from '../types';
import { managedFlags, managedStatusClient, managedStatusField } from './managedStatus';

const show = { resource: ['user'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllFields('users', show),
	...filtersCollection(
		show,
		[
			{
				displayName: 'User Name',
				name: 'userName',
				type: 'string',
				default: '',
				placeholder: 'e.g. ada.lovelace@example.com',
				description: 'Only the user with exactly this user name (not case-sensitive)',
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Only the user with exactly this external ID (case-sensitive)',
			},
		],
		'Atlassian can filter users only by User Name or External ID, one at a time, exact match',
	),
	managedStatusField('getAll'),
	simplifyField('user', show),
	optionsCollection(show, [attributesOption, excludedAttributesOption]),
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
		throw invalid(node, i, 'Limit', `${limit} is not a positive whole number`, '50');
	}
	const filters = toolFilters(this, this.getNodeParameter('filters', i, {}) as IDataObject);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	if (filters.userName && filters.externalId) {
		throw invalid(node, i, 'Filters', 'Atlassian accepts only one filter at a time', 'either User Name or External ID');
	}
	let filter: string | undefined;
	// A filter that was added counts even when its expression came out empty: dropping it would return every user.
	if (filters.userName !== undefined) {
		filter = `userName eq ${scimString(requireText(node, i, 'Filters: User Name', filters.userName, '"ada@example.com"'))}`;
	} else if (filters.externalId !== undefined) {
		filter = `externalId eq ${scimString(requireText(node, i, 'Filters: External ID', filters.externalId, '"00u1abcd"'))}`;
	}
	const simplify = simplifyWanted(this, i);
	const client = await clients.scim();
	// The organization's client is asked for before the first page, so a missing credential fails before any work.
	const admin = await managedStatusClient(this, i, clients);
	const out: IDataObject[] = [];
	for await (const page of scimPages(client, {
		path: USER_PATH,
		query: { filter, ...attributeQuery(node, i, options) },
		limit: toolFetchLimit(this, limit),
		itemIndex: i,
		subject: 'the users',
	})) {
		const managed = admin ? await managedFlags(admin, page, i) : [];
		page.forEach((user, n) => {
			const shown = simplify ? simplifyUser(user) : user;
			out.push(admin ? { ...shown, managedAccount: managed[n] } : shown);
		});
	}
	return out;
}
