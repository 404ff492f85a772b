import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { goneAfterLostAnswer } from '../../transport/lostAnswers';
import { groupPath } from '../../transport/paths';
import type { Clients } from '../types';
import { findGroup, groupLocator, readGroupTarget, type GroupTarget } from './locator';

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

export function prepare(this: IExecuteFunctions, i: number): GroupTarget {
	return readGroupTarget.call(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, target: GroupTarget): Promise<IDataObject[]> {
	const client = await clients.scim();
	const ref = await findGroup.call(this, client, target, i);
	const response = await client.request({ method: 'DELETE', path: groupPath(ref.id), itemIndex: i, subject: ref.label, expect: [404] });
	if (response.statusCode === 404) {
		const note = goneAfterLostAnswer(this.getNode(), response, 'group', i, ref.label);
		clients.wrote(i, ref.label, 'deleted');
		return [{ id: ref.id, deleted: true, note }];
	}
	clients.wrote(i, ref.label, 'deleted');
	return [{ id: ref.id, deleted: true }];
}
