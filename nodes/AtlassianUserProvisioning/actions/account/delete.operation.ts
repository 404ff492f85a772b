import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountsField } from './fields';
import { lifecycle, prepareLifecycle, type LifecyclePlan } from './lifecycle';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deletes the Atlassian accounts (managed accounts only). Atlassian keeps them deactivated for a 14-day grace period, during which Cancel Deletion brings them back; after that the deletion is permanent. Content they created stays. Remove the users from your identity provider first, or their accounts may be activated again.',
		name: 'deleteAccountNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['deleteAccount'] } },
	},
	accountsField(['deleteAccount']),
];

export function prepare(this: IExecuteFunctions, i: number): LifecyclePlan {
	return prepareLifecycle(this, i, 'delete');
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: LifecyclePlan): Promise<IDataObject[]> {
	return await lifecycle(this, i, clients, 'delete', plan);
}
