import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountsField } from './fields';
import { lifecycle } from './lifecycle';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deactivates (blocks) the Atlassian accounts: they cannot log in to any Atlassian product. Managed accounts only; accounts synced from an identity provider are deactivated there. Reversible with Reactivate.',
		name: 'deactivateAccountNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['deactivateAccount'] } },
	},
	accountsField(['deactivateAccount']),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		placeholder: 'e.g. Left the company on 2026-11-30',
		description: 'Shown with the block. Leave empty for Atlassian\'s default message.',
		displayOptions: { show: { resource: ['account'], operation: ['deactivateAccount'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	return await lifecycle(this, i, clients, 'deactivate');
}
