import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../helpers/descriptions';
import { simplifyGroup } from '../../helpers/output';
import type { Clients } from '../types';
import { groupLocator, resolveGroup } from './locator';
import { membersFields, readMembers } from './members';
import { patchMembers } from './patchMembers';

/**
 * Add Members and Remove Members differ only in the PATCH operation. Output: the group after the change (or its
 * simplified form), plus the members this item added or removed as given, which is what an email report needs.
 */
export function membersChange(operation: 'addMembers' | 'removeMembers') {
	const action = operation === 'addMembers' ? 'add' : 'remove';
	const description: INodeProperties[] = [
		groupLocator([operation]),
		...membersFields([operation], true),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { resource: ['group'], operation: [operation] } },
			options: [simplifyOption('group')],
		},
	];
	async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const client = await clients.scim();
		const group = await resolveGroup.call(this, client, i);
		const membersAre = this.getNodeParameter('membersAre', i, 'userName') as 'userName' | 'id';
		const members = await readMembers.call(this, client, i, this.getNodeParameter('members', i), membersAre);
		const after = await patchMembers.call(this, client, clients, i, group, members, action);
		const changed = { [action === 'add' ? 'added' : 'removed']: members.map((m) => m.given) };
		return [options.simplify ? { ...simplifyGroup(after), ...changed } : after];
	}
	return { description, execute };
}
