import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isToolRun } from '../../helpers/tool';
import { invalid, requireText } from '../../helpers/validation';
import type { AtlassianClient } from '../../transport/client';
import { scimString, segment } from '../../transport/paths';

/** Pick a user from a searchable list, by user name (resolved with the `userName eq` filter) or by SCIM ID. */
export const userLocator = (operations: string[]): INodeProperties => ({
	displayName: 'User',
	name: 'userId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The SCIM user (not the Atlassian account ID)',
	displayOptions: { show: { resource: ['user'], operation: operations } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user...',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'Name',
			name: 'userName',
			type: 'string',
			placeholder: 'e.g. ada.lovelace@example.com',
		},
		{
			displayName: 'Ext. ID',
			name: 'externalId',
			type: 'string',
			// Short enough for the field's width: the mode's name and the hint say it is the identity provider's ID.
			placeholder: 'e.g. 00u1abcd2345',
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a59238e6-487e-451d-a534-d67aa4c48350',
		},
	],
});

export const USER_PATH = '/Users';

export function userPath(id: string): string {
	return `${USER_PATH}/${segment(id, 'User ID')}`;
}

/** The first user whose userName matches exactly (Atlassian compares case-insensitively), or undefined. */
export async function findUserByUserName(
	client: AtlassianClient,
	userName: string,
	itemIndex: number,
	extraQuery: Record<string, string | undefined> = {},
): Promise<IDataObject | undefined> {
	const response = await client.request({
		method: 'GET',
		path: USER_PATH,
		query: { filter: `userName eq ${scimString(userName)}`, startIndex: 1, count: 1, ...extraQuery },
		itemIndex,
		subject: `user name "${userName}"`,
		shape: 'list',
	});
	const resources = (response.body.Resources as IDataObject[] | undefined) ?? [];
	return resources[0];
}

/**
 * The one user with this external ID (case-exact). Atlassian leaves the uniqueness of external IDs to the client,
 * so two users can share one: that is an error naming them, never the first match.
 */
async function findUserByExternalId(
	this: IExecuteFunctions,
	client: AtlassianClient,
	externalId: string,
	itemIndex: number,
	extraQuery: Record<string, string | undefined>,
): Promise<IDataObject> {
	const node = this.getNode();
	const response = await client.request({
		method: 'GET',
		path: USER_PATH,
		query: { filter: `externalId eq ${scimString(externalId)}`, startIndex: 1, count: 10, ...extraQuery },
		itemIndex,
		subject: `external ID "${externalId}"`,
		shape: 'list',
	});
	const resources = ((response.body.Resources as IDataObject[] | undefined) ?? []).filter((u) => u.id);
	const total = Math.max(Number(response.body.totalResults) || 0, resources.length);
	if (total === 0) {
		throw invalid(node, itemIndex, 'User (By External ID)', `no user has the external ID "${externalId}" in this directory`, "the identity provider's ID, exactly (it is case-sensitive)");
	}
	if (total > 1) {
		const named = resources.map((u) => `"${String(u.userName ?? u.id)}" (ID ${String(u.id)})`).join(', ');
		throw invalid(
			node,
			itemIndex,
			'User (By External ID)',
			`${total} users have the external ID "${externalId}": ${named}${total > resources.length ? ' and more' : ''}. Pick one By ID, and give each user its own external ID`,
			'an external ID that only one user has',
		);
	}
	return resources[0];
}

export interface UserRef {
	/** Set when the user was already fetched while resolving a user name. */
	user?: IDataObject;
	id: string;
	label: string;
}

/** Resolves the User parameter of one item to a SCIM user ID. */
export async function resolveUser(
	this: IExecuteFunctions,
	client: AtlassianClient,
	itemIndex: number,
	extraQuery: Record<string, string | undefined> = {},
): Promise<UserRef> {
	const locator = this.getNodeParameter('userId', itemIndex) as IDataObject;
	const node = this.getNode();
	let mode = String(locator?.mode ?? 'id');
	// A model given "User" takes the user name it knows (an email) more often than the SCIM ID; SCIM IDs never hold
	// an "@", so in tool runs such a value is looked up as the user name it is instead of failing with a 404.
	if (isToolRun(this) && (mode === 'list' || mode === 'id') && typeof locator?.value === 'string' && locator.value.includes('@')) mode = 'userName';
	if (mode === 'userName') {
		const userName = requireText(node, itemIndex, 'User (By User Name)', locator.value, '"ada.lovelace@example.com"');
		const user = await findUserByUserName(client, userName, itemIndex, extraQuery);
		if (!user?.id) {
			throw invalid(node, itemIndex, 'User (By User Name)', `no user has the user name "${userName}" in this directory`, 'the exact user name, usually the email');
		}
		return { user, id: String(user.id), label: `user "${userName}"` };
	}
	if (mode === 'externalId') {
		const externalId = requireText(node, itemIndex, 'User (By External ID)', locator.value, '"00u1abcd2345EfGHIjk6"');
		const user = await findUserByExternalId.call(this, client, externalId, itemIndex, extraQuery);
		return { user, id: String(user.id), label: `user with external ID "${externalId}"` };
	}
	const id = requireText(node, itemIndex, mode === 'list' ? 'User' : 'User (By ID)', locator?.value, '"a59238e6-487e-451d-a534-d67aa4c48350"');
	return { id, label: `user "${id}"` };
}
