import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { simplifyGroup } from '../../helpers/output';
import { asText, requireText } from '../../helpers/validation';
import { createdAfterLostAnswer, createdNote } from '../../transport/lostAnswers';
import { GROUP_PATH } from '../../transport/paths';
import type { Clients } from '../types';
import { findGroupByName } from './locator';
import { chunkFailure, chunkText, memberFailure } from './memberFailures';
import { CHUNK_SIZE, parseMembers, resolveMembers, type MembersAre } from './memberInput';
import { patchMembers } from './memberPatch';
import { groupNameTaken } from './nameTaken';

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
		hint: 'Atlassian cannot rename a group. To rename one later, create a group with the new name, add the members, then delete the old group.',
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
			{
				displayName: 'Initial Members',
				name: 'members',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				placeholder: 'e.g. ada.lovelace@example.com, grace.hopper@example.com',
				description: 'Members to add at once, separated by commas or new lines, or a list from an expression: user names unless Members Are says SCIM User IDs',
			},
			{
				displayName: 'Members Are',
				name: 'membersAre',
				type: 'options',
				default: 'userName',
				options: [
					{ name: 'SCIM User IDs', value: 'id', description: "The users' SCIM IDs (not Atlassian account IDs)" },
					{ name: 'User Names', value: 'userName', description: 'Looked up with the user name filter (usually the email)' },
				],
			},
		],
	},
	simplifyField('group', show),
];

const given = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

/**
 * Creates the group with its first 100 members in one request (so a small group is created whole or not at all),
 * then adds the rest in chunks. Output: the group as Atlassian returns it (or simplified).
 */
/** Everything a group Create item needs, read and validated before any request of the run. */
export interface GroupCreatePlan {
	name: string;
	externalId: string | undefined;
	members: string[];
	membersAre: MembersAre;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): GroupCreatePlan {
	const node = this.getNode();
	const name = requireText(node, i, 'Name', this.getNodeParameter('displayName', i), '"engineering"');
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const externalId = asText(node, i, 'External ID', fields.externalId, '"00g1abcd"');
	const membersAre: MembersAre = fields.membersAre === 'id' ? 'id' : 'userName';
	const members = given(fields.members) ? parseMembers(node, i, 'Initial Members', fields.members, membersAre) : [];
	return { name, externalId, members, membersAre, simplify: simplifyWanted(this, i) };
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: GroupCreatePlan): Promise<IDataObject[]> {
	const node = this.getNode();
	const { name, externalId } = plan;
	const client = await clients.scim();
	const members = plan.members.length ? await resolveMembers.call(this, client, i, 'Initial Members', plan.members, plan.membersAre) : [];
	const first = members.slice(0, CHUNK_SIZE);
	const label = `group "${name}"`;
	const startedAt = Date.now();
	const chunked = chunkText({ index: 0, count: Math.ceil(members.length / CHUNK_SIZE), total: members.length }, first.length, 'add');
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
		subject: label,
		// 400/404 are returned only when members were sent, to name the members at fault.
		expect: first.length ? [400, 404, 409] : [409],
		idempotent: false,
	}).catch((error: unknown) => {
		throw chunkFailure(error, `create ${label}`, chunked, `The group may or may not have been created with members 1–${first.length}, and no other member was added; check with Get (Group mode Name) before running the item again.`);
	});
	let group = response.body;
	let createNote: string | undefined;
	if (response.statusCode === 400 || response.statusCode === 404) {
		const error = await memberFailure.call(this, client, i, `create ${label}`, undefined, first, chunked, response);
		error.description = `${error.description ?? ''} The group was not created.`.trim();
		throw error;
	}
	if (response.statusCode === 409) {
		// A create is never re-sent blindly: after a lost answer, a 409 may be this run's own create. Only a group
		// created since this item started (a minute of tolerance for clocks) counts as ours.
		const found = await createdAfterLostAnswer(response, startedAt, async () => await findGroupByName(client, name, i));
		if (!found) throw await groupNameTaken(node, client, name, i, response.body);
		group = found;
		createNote = createdNote('group');
	}
	if (response.statusCode < 300 && !group.id) {
		// A success whose body is not the group (a proxy's page, a garbled answer that still parsed as JSON): the
		// group was created, so find it by its name instead of creating it again.
		const found = await findGroupByName(client, name, i);
		if (!found?.id) {
			throw new NodeOperationError(node, `Atlassian accepted the creation of ${label}, but its answer did not contain the group and no group has that name`, {
				itemIndex: i,
				description: 'Check the group with Get Many, then run the item again if it is missing.',
			});
		}
		group = found;
		createNote = "Created by this run: Atlassian's answer did not contain the group, so it was looked up by name.";
	}
	clients.wrote(i, label, first.length ? `created with ${first.length} ${first.length === 1 ? 'member' : 'members'}` : 'created');
	if (members.length > CHUNK_SIZE) {
		const ref = { id: String(group.id), label };
		group = await patchMembers.call(this, client, clients, i, ref, members, 'add', { fromChunk: 1, createdWith: first.length });
	}
	const out = plan.simplify ? simplifyGroup(group) : group;
	return [createNote ? { ...out, createNote } : out];
}
