import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountField } from './fields';
import { oneAccount } from './lookup';
import { getProfile } from './profile';

export const description: INodeProperties[] = [accountField(['getProfile'])];

/** The profile as the User Management API returns it (managed accounts only). */
export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const { client, accountId, entry } = await oneAccount(this, i, clients);
	return [await getProfile(client, accountId, i, `account "${entry}"`)];
}
