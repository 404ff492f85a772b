import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/descriptions';
import { requireText, validEmail } from '../../helpers/validation';
import { adminPath, segment } from '../../transport/paths';
import type { Clients } from '../types';

const show = { resource: ['user'], operation: ['getScimLinks'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		default: 'accountId',
		displayOptions: { show },
		options: [
			{ name: 'Atlassian Account ID', value: 'accountId' },
			{ name: 'Email', value: 'email' },
		],
	},
	{
		displayName: 'Atlassian Account ID',
		name: 'accountId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 5f45327791e67a003fed461e',
		displayOptions: { show: { ...show, findBy: ['accountId'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		displayOptions: { show: { ...show, findBy: ['email'] } },
		hint: 'An email can be linked in several directories: pick by directory or account ID before unlinking',
	},
	optionsCollection(show, [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'lookup',
			options: [
				{ name: 'One Item per Lookup', value: 'lookup', description: 'The account ID or email, the number of links and the links as a list' },
				{
					name: 'One Item per Link',
					value: 'link',
					description: 'Each link on its own (SCIM user ID, account ID, organization and directory), ready for Unlink; a lookup without links gives no item',
				},
			],
		},
	]),
];

/** One item per lookup: `{ accountId | email, count, scimLinks: [{ scimUserId, atlassianAccountId, orgId, directoryId }] }`. */
export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const findBy = this.getNodeParameter('findBy', i) as 'accountId' | 'email';
	const perLink = (this.getNodeParameter('options', i, {}) as IDataObject).output === 'link';
	const client = await clients.admin();
	if (findBy === 'email') {
		const email = validEmail(node, i, 'Email', this.getNodeParameter('email', i));
		const response = await client.request({
			method: 'POST',
			path: adminPath(client, '/get-scim-links-for-email'),
			body: { email },
			itemIndex: i,
			subject: `email "${email}"`,
		});
		const links = (response.body.scimLinks as IDataObject[] | undefined) ?? [];
		return perLink ? links.map((link) => ({ email, ...link })) : [{ email, count: links.length, scimLinks: links }];
	}
	const accountId = requireText(node, i, 'Atlassian Account ID', this.getNodeParameter('accountId', i), '"5f45327791e67a003fed461e"');
	const response = await client.request({
		method: 'GET',
		path: adminPath(client, `/user/${segment(accountId, 'Atlassian Account ID')}/get-scim-links`),
		itemIndex: i,
		subject: `account "${accountId}"`,
	});
	const links = (response.body.scimLinks as IDataObject[] | undefined) ?? [];
	return perLink ? links.map((link) => ({ accountId, ...link })) : [{ accountId, count: links.length, scimLinks: links }];
}
