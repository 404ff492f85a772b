import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as addMembers from './addMembers.operation';
import * as create from './create.operation';
import * as deleteGroup from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as removeMembers from './removeMembers.operation';

export const operations: Record<string, Operation> = { addMembers, create, delete: deleteGroup, get, getAll, removeMembers };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		default: 'get',
		// There is no Rename or Update: Atlassian refuses to change a group's name (docs/atlassian-api.md §4), and a PUT
		// "rename" could empty the membership. Create's Name field says so, where a name is chosen.
		options: [
			{ name: 'Add Members', value: 'addMembers', description: 'Add users to a group', action: 'Add members to a group' },
			{ name: 'Create', value: 'create', description: 'Create a group (its name cannot be changed later)', action: 'Create a group' },
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a group, also from the sites: its members may lose the product access it gave',
				action: 'Delete a group',
			},
			{ name: 'Get', value: 'get', description: 'Get a group with its members', action: 'Get a group' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many groups', action: 'Get many groups' },
			{ name: 'Remove Members', value: 'removeMembers', description: 'Remove users from a group', action: 'Remove members from a group' },
		],
	},
	...addMembers.description,
	...create.description,
	...deleteGroup.description,
	...get.description,
	...getAll.description,
	...removeMembers.description,
];
