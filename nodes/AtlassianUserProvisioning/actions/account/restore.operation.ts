import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { directoryWrite, prepareDirectoryWrite, type DirectoryWritePlan } from './access';
import { accountsField, directoryField } from './fields';

export const description: INodeProperties[] = [
	{
		displayName:
			'Gives suspended accounts their access, roles and group memberships back. Atlassian bills for them again.',
		name: 'restoreNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['restore'] } },
	},
	accountsField(['restore']),
	directoryField(['restore'], 'With "All directories", the node finds the account\'s directories first and acts in each; the output lists them'),
];

export function prepare(this: IExecuteFunctions, i: number): DirectoryWritePlan {
	return prepareDirectoryWrite(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: DirectoryWritePlan): Promise<IDataObject[]> {
	return await directoryWrite(this, i, clients, 'restore', plan);
}
