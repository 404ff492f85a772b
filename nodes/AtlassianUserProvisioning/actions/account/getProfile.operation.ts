import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import type { Clients } from '../types';
import { accountField } from './fields';
import { accountIdFor } from './lookup';
import { getProfile, notFoundByEmail } from './profile';

export const description: INodeProperties[] = [accountField(['getProfile'])];

/** The profile as the User Management API returns it (managed accounts only). */
export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const entry = requireText(node, i, 'Account', this.getNodeParameter('account', i), '"5f45327791e67a003fed461e" or "ada@example.com"');
	const client = await clients.admin();
	const accountId = await accountIdFor(client, node, i, 'Account', entry);
	if (!accountId) throw notFoundByEmail(node, i, entry);
	return [await getProfile(client, accountId, i, `account "${entry}"`)];
}
