import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { filtersCollection, returnAllFields, simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { simplifyGroup } from '../../helpers/output';
import { toolFetchLimit, toolFilters } from '../../helpers/tool';
import { invalid, requireText } from '../../helpers/validation';
import { scimPages } from '../../transport/paging';
import { GROUP_PATH, scimString } from '../../transport/paths';
import type { Clients } from '../types';

const show = { resource: ['group'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	...returnAllFields('groups', show),
	...filtersCollection(
		show,
		[{ displayName: 'Name', name: 'displayName', type: 'string', default: '', description: 'Only the group with exactly this name (not case-sensitive)' }],
		'Atlassian can filter groups only by name, exact match. It lists only groups made through SCIM.',
	),
	simplifyField('group', show),
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i, 50) as number);
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw invalid(node, i, 'Limit', `${limit} is not a positive whole number`, '50');
	const filters = toolFilters(this, this.getNodeParameter('filters', i, {}) as IDataObject);
	// A filter that was added counts even when its expression came out empty: dropping it would return every group.
	const filter =
		filters.displayName !== undefined
			? `displayName eq ${scimString(requireText(node, i, 'Filters: Name', filters.displayName, '"engineering"'))}`
			: undefined;
	const simplify = simplifyWanted(this, i);
	const client = await clients.scim();
	const out: IDataObject[] = [];
	for await (const page of scimPages(client, { path: GROUP_PATH, query: { filter }, limit: toolFetchLimit(this, limit), itemIndex: i, subject: 'the groups' })) {
		for (const group of page) out.push(simplify ? simplifyGroup(group) : group);
	}
	return out;
}
