import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import type { Clients } from '../types';
import { accountField } from './fields';
import { accountIdFor } from './lookup';
import { notFoundByEmail } from './profile';
import { listTokens } from './tokens';

export const description: INodeProperties[] = [accountField(['getApiTokens'])];

/** One item per account: `{ accountId, count, tokens: [{ id, label, createdAt, lastAccess, expiry }] }`. */
export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const entry = requireText(node, i, 'Account', this.getNodeParameter('account', i), '"5f45327791e67a003fed461e" or "ada@example.com"');
	const client = await clients.admin();
	const accountId = await accountIdFor(client, node, i, 'Account', entry);
	if (!accountId) throw notFoundByEmail(node, i, entry);
	const tokens = await listTokens(client, accountId, i, `account "${entry}"`);
	return [{ accountId, ...(entry !== accountId ? { email: entry } : {}), count: tokens.length, tokens }];
}
