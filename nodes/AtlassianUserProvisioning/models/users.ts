import type { IDataObject } from 'n8n-workflow';

import type { AtlassianClient } from '../transport/client';
import { scimString, USER_PATH } from '../transport/paths';

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
 * The users whose externalId matches exactly (case-sensitive), at most 10 of them, and how many Atlassian says there
 * are: unlike user names, external IDs are the identity provider's to keep unique, so two users can share one.
 */
export async function findUsersByExternalId(
	client: AtlassianClient,
	externalId: string,
	itemIndex: number,
	extraQuery: Record<string, string | undefined> = {},
): Promise<{ users: IDataObject[]; total: number }> {
	const response = await client.request({
		method: 'GET',
		path: USER_PATH,
		query: { filter: `externalId eq ${scimString(externalId)}`, startIndex: 1, count: 10, ...extraQuery },
		itemIndex,
		subject: `external ID "${externalId}"`,
		shape: 'list',
	});
	const users = ((response.body.Resources as IDataObject[] | undefined) ?? []).filter((u) => u.id);
	return { users, total: Math.max(Number(response.body.totalResults) || 0, users.length) };
}
