import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountsField } from './fields';
import { lifecycle } from './lifecycle';

export const description: INodeProperties[] = [
	{
		displayName:
			'Cancels the deletion of accounts still in their 14-day grace period.',
		name: 'cancelDeletionNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['cancelDeletion'] } },
	},
	accountsField(['cancelDeletion']),
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	return await lifecycle(this, i, clients, 'cancelDeletion');
}
