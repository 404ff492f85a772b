import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../types';
import * as cancelDeletion from './cancelDeletion.operation';
import * as deactivateAccount from './deactivateAccount.operation';
import * as deleteAccount from './deleteAccount.operation';
import * as getAccount from './getAccount.operation';
import * as getApiTokens from './getApiTokens.operation';
import * as getLastActive from './getLastActive.operation';
import * as getProfile from './getProfile.operation';
import * as reactivateAccount from './reactivateAccount.operation';
import * as removeFromDirectory from './removeFromDirectory.operation';
import * as restore from './restore.operation';
import * as revokeApiTokens from './revokeApiTokens.operation';
import * as search from './search.operation';
import * as suspend from './suspend.operation';
import * as updateProfile from './updateProfile.operation';

/**
 * The organization's Atlassian accounts (Organizations REST API v2 and User Management REST API), as opposed to the
 * SCIM "User" records. Uses only endpoints that still work after Atlassian switched the v1 writes off (2026-06-30).
 */
export const operations: Record<string, Operation> = {
	cancelDeletion,
	deactivateAccount,
	deleteAccount,
	getAccount,
	getApiTokens,
	getLastActive,
	getProfile,
	reactivateAccount,
	removeFromDirectory,
	restore,
	revokeApiTokens,
	search,
	suspend,
	updateProfile,
};

/**
 * Operation values unique to this resource (none is a User or Group value), so that the credential shown can be
 * chosen by operation alone: n8n picks a node's credential by its first entry of that type.
 */
export const ACCOUNT_OPERATIONS = Object.keys(operations);

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		default: 'search',
		options: [
			{ name: 'Cancel Deletion', value: 'cancelDeletion', description: 'Keep accounts still in their 14-day deletion grace period', action: 'Cancel the deletion of an account' },
			{ name: 'Deactivate', value: 'deactivateAccount', description: 'Stop accounts from signing in to any Atlassian product (managed accounts); reversible with Reactivate', action: 'Deactivate an account' },
			{ name: 'Delete', value: 'deleteAccount', description: 'Delete managed Atlassian accounts after a 14-day grace period (Cancel Deletion keeps them)', action: 'Delete an account' },
			{ name: 'Get', value: 'getAccount', description: 'Get an account by account ID or email', action: 'Get an account' },
			{ name: 'Get API Tokens', value: 'getApiTokens', description: 'List the API tokens of a managed account', action: 'Get the API tokens of an account' },
			{ name: 'Get Last Active Dates', value: 'getLastActive', description: 'When an account was last active in each product', action: 'Get the last active dates of an account' },
			{ name: 'Get Many', value: 'search', description: 'Search the organization\'s accounts: emails, status, managed, domains, groups, roles, inactivity', action: 'Get many accounts' },
			{ name: 'Get Profile', value: 'getProfile', description: 'Get the profile of a managed account', action: 'Get the profile of an account' },
			{ name: 'Reactivate', value: 'reactivateAccount', description: 'Let deactivated accounts sign in again', action: 'Reactivate an account' },
			{ name: 'Remove From Directory', value: 'removeFromDirectory', description: 'Remove accounts from a directory (they must be invited again)', action: 'Remove an account from a directory' },
			{ name: 'Restore Access', value: 'restore', description: 'Give suspended accounts their access back', action: 'Restore the access of an account' },
			{ name: 'Revoke API Tokens', value: 'revokeApiTokens', description: 'Revoke one or all API tokens of managed accounts', action: 'Revoke the API tokens of an account' },
			{ name: 'Suspend Access', value: 'suspend', description: 'Suspend accounts\' access to your apps (not billed while suspended)', action: 'Suspend the access of an account' },
			{ name: 'Update Profile', value: 'updateProfile', description: 'Change the profile fields of a managed account', action: 'Update the profile of an account' },
		],
	},
	...search.description,
	...getAccount.description,
	...getLastActive.description,
	...suspend.description,
	...restore.description,
	...removeFromDirectory.description,
	...deactivateAccount.description,
	...reactivateAccount.description,
	...deleteAccount.description,
	...cancelDeletion.description,
	...getProfile.description,
	...updateProfile.description,
	...getApiTokens.description,
	...revokeApiTokens.description,
];
