import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { directoryWrite, prepareDirectoryWrite, type DirectoryWritePlan } from './access';
import { accountsField, directoryField } from './fields';

export const description: INodeProperties[] = [
	{
		displayName:
			'Suspends the accounts\' access to your apps in the directory: you are not billed for them while suspended. Restore Access gives back their roles and group memberships. Works for unmanaged accounts too.',
		name: 'suspendNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['suspend'] } },
	},
	accountsField(['suspend']),
	directoryField(['suspend'], 'With "All directories", the node finds the account\'s directories first and acts in each; the output lists them'),
];

export function prepare(this: IExecuteFunctions, i: number): DirectoryWritePlan {
	return prepareDirectoryWrite(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: DirectoryWritePlan): Promise<IDataObject[]> {
	return await directoryWrite(this, i, clients, 'suspend', plan);
}
