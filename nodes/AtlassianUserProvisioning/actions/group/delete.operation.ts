import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../transport/errors';
import type { Clients } from '../types';
import { groupLocator, groupPath, resolveGroup } from './locator';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deletes the group from the directory and from the sites it was synced to: its members may lose the product access and permissions it gave them. This cannot be undone.',
		name: 'deleteGroupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['group'], operation: ['delete'] } },
	},
	groupLocator(['delete']),
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const client = await clients.scim();
	const ref = await resolveGroup.call(this, client, i);
	const response = await client.request({ method: 'DELETE', path: groupPath(ref.id), itemIndex: i, subject: ref.label, expect: [404] });
	if (response.statusCode === 404) {
		if (!response.resent) throw apiError(this.getNode(), { statusCode: 404, body: response.body }, { api: 'scim', itemIndex: i, subject: ref.label, attempts: 1 });
		return [{ id: ref.id, deleted: true, note: 'The group is gone, but not confirmed deleted by this run: an earlier attempt got no clear answer, so it either deleted the group or there was none with this ID.' }];
	}
	return [{ id: ref.id, deleted: true }];
}
