import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapInOrder, parseList } from '../../helpers/lists';
import { invalid } from '../../helpers/validation';
import type { AtlassianClient } from '../../transport/client';
import { findUserByUserName } from '../user/locator';

/** Atlassian handles up to 35,000 members per group; changes go in chunks so a failure says which part failed. */
export const CHUNK_SIZE = 100;

export const membersFields = (operations: string[], required: boolean): INodeProperties[] => [
	{
		displayName: 'Members Are',
		name: 'membersAre',
		type: 'options',
		default: 'userName',
		displayOptions: { show: { resource: ['group'], operation: operations } },
		options: [
			{ name: 'User Names', value: 'userName', description: 'Resolved to SCIM user IDs with the user name filter' },
			{ name: 'SCIM User IDs', value: 'id', description: 'The users\' SCIM IDs (not Atlassian account IDs)' },
		],
	},
	{
		displayName: 'Members',
		name: 'members',
		type: 'string',
		typeOptions: { rows: 3 },
		required,
		default: '',
		placeholder: 'e.g. ada.lovelace@example.com, grace.hopper@example.com',
		description: 'One or more members, separated by commas or new lines, or a list from an expression',
		displayOptions: { show: { resource: ['group'], operation: operations } },
	},
];

export interface Member {
	/** As the user gave it (user name or ID). */
	given: string;
	id: string;
}

/** Reads the Members parameter and resolves user names to SCIM user IDs (concurrently, in order). */
export async function readMembers(
	this: IExecuteFunctions,
	client: AtlassianClient,
	i: number,
	value: unknown,
	membersAre: 'userName' | 'id',
): Promise<Member[]> {
	const node = this.getNode();
	const given = parseList(node, i, 'Members', value, membersAre === 'id' ? '"a59238e6-487e-451d-a534-d67aa4c48350"' : '"ada.lovelace@example.com"');
	if (membersAre === 'id') return given.map((id) => ({ given: id, id }));
	const found = await mapInOrder(given, client.settings.maxConcurrency, async (userName) => await findUserByUserName(client, userName, i, { attributes: 'userName' }));
	const missing = given.filter((_, n) => !found[n]?.id);
	if (missing.length) {
		throw invalid(node, i, 'Members', `no user has the user name ${missing.slice(0, 10).map((m) => `"${m}"`).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}`, 'the exact user names of existing users, or choose SCIM User IDs');
	}
	return given.map((name, n) => ({ given: name, id: String(found[n]!.id) }));
}

export function chunks<T>(list: T[], size = CHUNK_SIZE): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
	return out;
}
