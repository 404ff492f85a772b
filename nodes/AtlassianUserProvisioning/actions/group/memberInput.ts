import type { IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { mapInOrder, parseList } from '../../helpers/lists';
import { isToolRun } from '../../helpers/tool';
import { invalid } from '../../helpers/validation';
import { findUserByUserName } from '../../models/users';
import type { AtlassianClient } from '../../transport/client';
import { SCIM_ID } from '../../transport/paths';

/**
 * Atlassian syncs up to 35,000 members per group. Member changes go in chunks of this many per request, so one
 * request stays small and a failure can say which part failed and what was already done.
 */
export const CHUNK_SIZE = 100;

export type MembersAre = 'userName' | 'id';

export const membersAreField = (operations: string[]): INodeProperties => ({
	displayName: 'Members Are',
	name: 'membersAre',
	type: 'options',
	default: 'userName',
	displayOptions: { show: { resource: ['group'], operation: operations } },
	options: [
		{ name: 'SCIM User IDs', value: 'id', description: "The users' SCIM IDs (not Atlassian account IDs)" },
		{ name: 'User Names', value: 'userName', description: 'Looked up with the user name filter (usually the email)' },
	],
});

export const membersField = (operations: string[]): INodeProperties => ({
	displayName: 'Members',
	name: 'members',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
	placeholder: 'e.g. ada.lovelace@example.com, grace.hopper@example.com',
	description: 'One or more members, separated by commas or new lines, or a list from an expression',
	displayOptions: { show: { resource: ['group'], operation: operations } },
});

export interface Member {
	/** As the user gave it (user name or SCIM ID): what messages and summaries show. */
	given: string;
	/** The SCIM user ID sent to Atlassian. */
	id: string;
}

/** A members parameter (text or a list) as entries, checked without a request. */
export function parseMembers(node: INode, i: number, field: string, value: unknown, membersAre: MembersAre): string[] {
	const example = membersAre === 'id' ? '"a59238e6-487e-451d-a534-d67aa4c48350"' : '"ada.lovelace@example.com"';
	return parseList(node, i, field, value, example);
}

/**
 * Resolves members (as parseMembers gives them): for user names it finds each user's SCIM ID with the
 * `userName eq` filter: all names at once (the client's pacer limits the requests in flight), in the order given.
 * Every unknown user name is reported before anything is changed. A user named twice (Atlassian compares user
 * names case-insensitively) is sent once.
 */
export async function resolveMembers(
	this: IExecuteFunctions,
	client: AtlassianClient,
	i: number,
	field: string,
	given: string[],
	membersAre: MembersAre,
): Promise<Member[]> {
	const node = this.getNode();
	// A model is told that members are user names or SCIM IDs, whatever Members Are says: in tool runs a value with an
	// "@" is looked up as the user name it is, and a UUID that is no user name is taken as the SCIM ID it is.
	const tool = isToolRun(this);
	if (membersAre === 'id' && !(tool && given.some((entry) => entry.includes('@')))) return given.map((id) => ({ given: id, id }));
	const found = await mapInOrder(given, client.settings.maxConcurrency, async (entry) =>
		membersAre === 'id' && !entry.includes('@')
			? { id: entry }
			: ((await findUserByUserName(client, entry, i, { attributes: 'userName' })) ?? (tool && SCIM_ID.test(entry) ? { id: entry } : undefined)),
	);
	const missing = given.filter((_, n) => !found[n]?.id);
	if (missing.length) {
		const named = missing.slice(0, 10).map((m) => `"${m}"`).join(', ');
		const more = missing.length > 10 ? ` and ${missing.length - 10} more` : '';
		throw invalid(node, i, field, `no user has the user name ${named}${more}`, 'the exact user names of existing users, or choose SCIM User IDs in Members Are');
	}
	const seen = new Set<string>();
	const members: Member[] = [];
	given.forEach((name, n) => {
		const id = String(found[n]!.id);
		if (seen.has(id)) return;
		seen.add(id);
		members.push({ given: name, id });
	});
	return members;
}

export function chunks<T>(list: T[], size = CHUNK_SIZE): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
	return out;
}

/** `"ada@example.com"`, or `"ada@example.com" (ID 1a2b…)` when the user gave a name, for messages. */
export function memberLabel(member: Member): string {
	return member.given === member.id ? `"${member.id}"` : `"${member.given}" (ID ${member.id})`;
}

export function memberList(members: Member[], max = 20): string {
	const shown = members.slice(0, max).map(memberLabel).join(', ');
	return members.length > max ? `${shown} and ${members.length - max} more` : shown;
}
