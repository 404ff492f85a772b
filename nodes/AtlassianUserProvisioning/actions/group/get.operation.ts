import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../helpers/descriptions';
import { simplifyGroup } from '../../helpers/output';
import type { Clients } from '../types';
import { groupLocator, groupPath, resolveGroup } from './locator';

export const description: INodeProperties[] = [
	groupLocator(['get']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['group'], operation: ['get'] } },
		options: [simplifyOption('group')],
	},
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const client = await clients.scim();
	const ref = await resolveGroup.call(this, client, i);
	const group = ref.group ?? (await client.request({ method: 'GET', path: groupPath(ref.id), itemIndex: i, subject: ref.label })).body;
	return [options.simplify ? simplifyGroup(group) : group];
}
