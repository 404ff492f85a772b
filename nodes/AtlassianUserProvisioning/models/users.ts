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
