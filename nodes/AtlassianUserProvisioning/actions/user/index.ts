import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as create from './create.operation';
import * as deactivate from './deactivate.operation';
import * as deleteUser from './delete.operation';
import * as deleteInDb from './deleteInDb.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getScimLinks from './getScimLinks.operation';
import * as reactivate from './reactivate.operation';
import * as unlink from './unlink.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const operations: Record<string, Operation> = {
	create,
	deactivate,
	delete: deleteUser,
	deleteInDb,
	get,
	getAll,
	getScimLinks,
	reactivate,
	unlink,
	update,
	upsert,
};

/** Operations that use the organization admin API (and its credential) instead of the SCIM directory. */
export const ADMIN_OPERATIONS = ['deleteInDb', 'getScimLinks', 'unlink'];

/** Operations on the SCIM directory (its credential). */
export const SCIM_OPERATIONS = Object.keys(operations).filter((op) => !ADMIN_OPERATIONS.includes(op));

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		default: 'get',
		options: [
			{ name: 'Create', value: 'create', description: 'Create a user (or link an existing managed account with the same email)', action: 'Create a user' },
			// n8n's lint asks for its own upsert wording; the fields below say the rest (only differences sent, deactivation).
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update users' },
			{ name: 'Deactivate', value: 'deactivate', description: 'Stop a user from signing in; reversible with Reactivate', action: 'Deactivate a user' },
			{ name: 'Delete', value: 'delete', description: 'Delete the SCIM record of a user (cannot be undone)', action: 'Delete a user' },
			{ name: 'Delete in SCIM DB', value: 'deleteInDb', description: 'Delete the SCIM records of Atlassian account IDs in every directory of the organization (organization API)', action: 'Delete users in the SCIM DB' },
			{ name: 'Get', value: 'get', description: 'Get a user', action: 'Get a user' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many users', action: 'Get many users' },
			{ name: 'Get SCIM Links', value: 'getScimLinks', description: 'Find the SCIM records linked to an Atlassian account ID or an email (organization API)', action: 'Get SCIM links' },
			{ name: 'Reactivate', value: 'reactivate', description: 'Let a deactivated user sign in again', action: 'Reactivate a user' },
			{ name: 'Unlink', value: 'unlink', description: 'Unlink a SCIM user from its Atlassian account without deleting it (organization API)', action: 'Unlink a SCIM user' },
			{ name: 'Update', value: 'update', description: 'Change the fields you set (or replace the whole user)', action: 'Update a user' },
		],
	},
	...create.description,
	...deactivate.description,
	...deleteUser.description,
	...deleteInDb.description,
	...get.description,
	...getAll.description,
	...getScimLinks.description,
	...reactivate.description,
	...unlink.description,
	...update.description,
	...upsert.description,
];
