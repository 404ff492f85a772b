import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/descriptions';
import type { Clients } from '../types';
import { findGroup, groupLocator, readGroupTarget, type GroupTarget } from './locator';
import { membersAreField, membersField, parseMembers, resolveMembers, type MembersAre } from './memberInput';
import { patchMembers } from './memberPatch';

export interface MembersChangePlan {
	target: GroupTarget;
	given: string[];
	membersAre: MembersAre;
	returnGroup: boolean;
}

/**
 * Add Members and Remove Members differ only in the PATCH they send.
 *
 * Output: by default a summary made for reports and emails, `{ id, name, added | removed, memberCount }`, where
 * `added` / `removed` lists the members as the user gave them (user names or IDs) and `memberCount` is the group's
 * size after the change. The group itself can carry 35,000 members, too much to repeat per item; the option
 * "Return Full Group" returns it instead, as Atlassian answers after the change.
 */
export function addOrRemoveMembers(operation: 'addMembers' | 'removeMembers') {
	const action = operation === 'addMembers' ? 'add' : 'remove';
	const changed = action === 'add' ? 'added' : 'removed';
	const show = { resource: ['group'], operation: [operation] };
	const description: INodeProperties[] = [
		groupLocator([operation]),
		membersAreField([operation]),
		membersField([operation]),
		optionsCollection(show, [
			{
				displayName: 'Return Full Group',
				name: 'returnGroup',
				type: 'boolean',
				default: false,
				description: `Whether to return the group as Atlassian returns it after the change (with every member) instead of a summary (ID, name, members ${changed}, member count)`,
			},
		]),
	];

	function prepare(this: IExecuteFunctions, i: number): MembersChangePlan {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const membersAre = this.getNodeParameter('membersAre', i, 'userName') as MembersAre;
		const target = readGroupTarget.call(this, i);
		const given = parseMembers(this.getNode(), i, 'Members', this.getNodeParameter('members', i), membersAre);
		return { target, given, membersAre, returnGroup: Boolean(options.returnGroup) };
	}

	async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: MembersChangePlan): Promise<IDataObject[]> {
		const client = await clients.scim();
		const group = await findGroup.call(this, client, plan.target, i);
		const members = await resolveMembers.call(this, client, i, 'Members', plan.given, plan.membersAre);
		const after = await patchMembers.call(this, client, clients, i, group, members, action);
		if (plan.returnGroup) return [after];
		return [
			{
				id: after.id ?? group.id,
				name: after.displayName ?? null,
				[changed]: members.map((m) => m.given),
				memberCount: Array.isArray(after.members) ? after.members.length : 0,
			},
		];
	}

	return { description, prepare, execute };
}
