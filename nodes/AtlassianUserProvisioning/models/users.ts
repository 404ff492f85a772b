import type { IDataObject } from 'n8n-workflow';

import type { AtlassianClient } from '../transport/client';
import { fetchListPage } from '../transport/paging';
import { scimString, USER_PATH } from '../transport/paths';

/** The first user whose userName matches exactly (Atlassian compares case-insensitively), or undefined. */
export async function findUserByUserName(
	client: AtlassianClient,
	userName: string,
	itemIndex: number,
	extraQuery: Record<string, string | undefined> = {},
): Promise<IDataObject | undefined> {
	const query = { filter: `userName eq ${scimString(userName)}`, ...extraQuery };
	const page = await fetchListPage(client, { path: USER_PATH, query, itemIndex, subject: `user name "${userName}"` }, 1, 1);
	return page.resources[0];
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
	const query = { filter: `externalId eq ${scimString(externalId)}`, ...extraQuery };
	const page = await fetchListPage(client, { path: USER_PATH, query, itemIndex, subject: `external ID "${externalId}"` }, 1, 10);
	const users = page.resources.filter((u) => u.id);
	return { users, total: Math.max(page.total ?? 0, users.length) };
}
