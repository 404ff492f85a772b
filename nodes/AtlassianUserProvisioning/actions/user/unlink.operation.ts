import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { adminPath, segment } from '../../transport/paths';
import type { Clients } from '../types';

const show = { resource: ['user'], operation: ['unlink'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Unlinks the SCIM user from its Atlassian account without deleting either. Get the directory ID and SCIM user ID from Get SCIM Links. Uses the Atlassian Organization API credential.',
		name: 'unlinkNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Directory ID',
		name: 'directoryId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 315e1fb2-6b1c-4a5c-8e0a-9a7d1c2b3e4f',
		description: 'The SCIM directory of the user: the part after /scim/directory/ in the Directory base URL',
		displayOptions: { show },
	},
	{
		displayName: 'SCIM User ID',
		name: 'scimUserId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. a59238e6-487e-451d-a534-d67aa4c48350',
		description: 'The SCIM user\'s ID (not the Atlassian account ID)',
		displayOptions: { show },
	},
];

export function prepare(this: IExecuteFunctions, i: number): { directoryId: string; scimUserId: string } {
	const node = this.getNode();
	const directoryId = requireText(node, i, 'Directory ID', this.getNodeParameter('directoryId', i), '"315e1fb2-6b1c-4a5c-8e0a-9a7d1c2b3e4f"');
	const scimUserId = requireText(node, i, 'SCIM User ID', this.getNodeParameter('scimUserId', i), '"a59238e6-487e-451d-a534-d67aa4c48350"');
	segment(directoryId, 'Directory ID');
	segment(scimUserId, 'SCIM User ID');
	return { directoryId, scimUserId };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	clients: Clients,
	{ directoryId, scimUserId }: { directoryId: string; scimUserId: string },
): Promise<IDataObject[]> {
	const client = await clients.admin();
	await client.request({
		method: 'PATCH',
		path: adminPath(
			client,
			`/scimDirectoryId/${segment(directoryId, 'Directory ID')}/scimUserId/${segment(scimUserId, 'SCIM User ID')}/unlink`,
		),
		itemIndex: i,
		subject: `SCIM user "${scimUserId}" in directory "${directoryId}"`,
	});
	clients.wrote(i, `SCIM user ${scimUserId}`, 'unlinked');
	return [{ directoryId, scimUserId, unlinked: true }];
}
