import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../helpers/descriptions';
import { simplifyGroup } from '../../helpers/output';
import { asText, requireText } from '../../helpers/validation';
import { apiError } from '../../transport/errors';
import type { Clients } from '../types';
import { findGroupByName, GROUP_PATH } from './locator';
import { CHUNK_SIZE, readMembers } from './members';
import { patchMembers } from './patchMembers';

const show = { resource: ['group'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. engineering',
		description: 'The group name. Atlassian cannot rename a group later.',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', description: "The identity provider's ID for the group" },
			{ displayName: 'Initial Members', name: 'members', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Members to add at once, separated by commas or new lines (user names or SCIM user IDs, as chosen in Members Are)' },
			{
				displayName: 'Members Are',
				name: 'membersAre',
				type: 'options',
				default: 'userName',
				options: [
					{ name: 'User Names', value: 'userName' },
					{ name: 'SCIM User IDs', value: 'id' },
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [simplifyOption('group')],
	},
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const name = requireText(node, i, 'Name', this.getNodeParameter('displayName', i), '"engineering"');
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const client = await clients.scim();
	const membersGiven = fields.members !== undefined && fields.members !== '' && !(Array.isArray(fields.members) && fields.members.length === 0);
	const members = membersGiven
		? await readMembers.call(this, client, i, fields.members, fields.membersAre === 'id' ? 'id' : 'userName')
		: [];
	const externalId = asText(node, i, 'External ID', fields.externalId, '"00g1abcd"');
	const first = members.slice(0, CHUNK_SIZE);
	const response = await client.request({
		method: 'POST',
		path: GROUP_PATH,
		body: {
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
			displayName: name,
			...(externalId ? { externalId } : {}),
			...(first.length ? { members: first.map((m) => ({ value: m.id })) } : {}),
		},
		itemIndex: i,
		subject: `group "${name}"`,
		expect: [409],
		idempotent: false,
	});
	let group = response.body;
	if (response.statusCode === 409) {
		// As for users: after a lost answer a 409 may be our own create; only a group made during this run counts.
		const found = response.resent ? await findGroupByName(client, name, i) : undefined;
		const created = Date.parse(String((found?.meta as IDataObject | undefined)?.created ?? ''));
		if (!found || !(created >= Date.now() - 10 * 60_000)) {
			const error = apiError(node, { statusCode: 409, body: response.body }, { api: 'scim', itemIndex: i, subject: `group "${name}"`, attempts: 1 });
			error.description = `A group named "${name}" already exists, possibly as a site or organization group that SCIM cannot list. Use another name.`;
			throw error;
		}
		group = found;
	}
	if (members.length > CHUNK_SIZE) {
		group = await patchMembers.call(this, client, clients, i, { id: String(group.id), label: `group "${name}"` }, members.slice(CHUNK_SIZE), 'add');
	}
	return [options.simplify ? simplifyGroup(group) : group];
}
