import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountsField } from './fields';
import { lifecycle, prepareLifecycle, type LifecyclePlan } from './lifecycle';

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

export function prepare(this: IExecuteFunctions, i: number): LifecyclePlan {
	return prepareLifecycle(this, i, 'cancelDeletion');
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: LifecyclePlan): Promise<IDataObject[]> {
	return await lifecycle(this, i, clients, 'cancelDeletion', plan);
}
