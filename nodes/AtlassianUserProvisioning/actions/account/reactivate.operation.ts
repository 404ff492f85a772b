import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountsField } from './fields';
import { lifecycle, prepareLifecycle, type LifecyclePlan } from './lifecycle';

export const description: INodeProperties[] = [
	{
		displayName:
			'Lets deactivated accounts log in again. Accounts scheduled for deletion need Cancel Deletion first; accounts blocked for US export controls cannot be reactivated this way. Managed accounts only.',
		name: 'reactivateAccountNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['reactivateAccount'] } },
	},
	accountsField(['reactivateAccount']),
];

export function prepare(this: IExecuteFunctions, i: number): LifecyclePlan {
	return prepareLifecycle(this, i, 'reactivate');
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: LifecyclePlan): Promise<IDataObject[]> {
	return await lifecycle(this, i, clients, 'reactivate', plan);
}
