import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../helpers/descriptions';
import type { Clients } from '../types';
import { groupLocator, resolveGroup } from './locator';
import { membersAreField, membersField, readMembers, type MembersAre } from './memberInput';
import { patchMembers } from './memberPatch';

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

	async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const membersAre = this.getNodeParameter('membersAre', i, 'userName') as MembersAre;
		const client = await clients.scim();
		const group = await resolveGroup.call(this, client, i);
		const members = await readMembers.call(this, client, i, 'Members', this.getNodeParameter('members', i), membersAre);
		const after = await patchMembers.call(this, client, clients, i, group, members, action);
		if (options.returnGroup) return [after];
		return [
			{
				id: after.id ?? group.id,
				name: after.displayName ?? null,
				[changed]: members.map((m) => m.given),
				memberCount: Array.isArray(after.members) ? after.members.length : 0,
			},
		];
	}

	return { description, execute };
}
