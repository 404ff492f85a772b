import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Clients } from '../types';
import { directoryWrite } from './access';
import { accountsField, directoryField } from './fields';

export const description: INodeProperties[] = [
	{
		displayName:
			'Removes the accounts from the directory: they lose access to your apps and are no longer billed. To come back, a user must be INVITED AGAIN and given their roles and groups again. The Atlassian account itself stays (use Delete for that). Consider Suspend Access, which is reversible.',
		name: 'removeFromDirectoryNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['removeFromDirectory'] } },
	},
	accountsField(['removeFromDirectory']),
	directoryField(['removeFromDirectory'], 'With "All directories", the account is removed from every directory it is in; the output lists them'),
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	return await directoryWrite(this, i, clients, 'remove');
}
