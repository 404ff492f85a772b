import type { IDataObject } from 'n8n-workflow';

import type { AtlassianClient } from '../../transport/client';
import { managePath } from '../../transport/paths';

export async function listTokens(client: AtlassianClient, accountId: string, i: number, subject: string): Promise<IDataObject[]> {
	const response = await client.request({ method: 'GET', path: managePath(accountId, '/api-tokens'), json: true, shape: 'array', itemIndex: i, subject });
	return response.items ?? [];
}
