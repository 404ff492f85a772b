import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountField } from './fields';
import { oneAccount } from './lookup';
import { listTokens } from './tokens';

export const description: INodeProperties[] = [accountField(['getApiTokens'])];

/** One item per account: `{ accountId, count, tokens: [{ id, label, createdAt, lastAccess, expiry }] }`. */
export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const { client, accountId, entry } = await oneAccount(this, i, clients);
	const tokens = await listTokens(client, accountId, i, `account "${entry}"`);
	return [{ accountId, ...(entry !== accountId ? { email: entry } : {}), count: tokens.length, tokens }];
}
