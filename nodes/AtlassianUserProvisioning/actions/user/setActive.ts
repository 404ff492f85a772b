import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { simplifyUser } from '../../helpers/output';
import { userPath } from '../../transport/paths';
import { PATCH_OP_SCHEMA } from '../../transport/schemas';
import type { Clients } from '../types';
import { findUser, readUserTarget, userLocator, writtenName, type UserTarget } from './locator';

/** Reactivation re-adds groups but may leave a site access that an admin revoked by hand off (docs/atlassian-api.md, [ID-7848]). */
export const REACTIVATE_NOTE =
	'Reactivated. Atlassian gives back the groups, but a site access that an admin removed by hand may stay off: check the user in Atlassian Administration (admin.atlassian.com) if they still cannot sign in to a site.';

const reactivateNotice: INodeProperties = {
	displayName:
		'Reactivating gives back the groups, but a site access that an admin removed by hand may stay off: check the user in Atlassian Administration if they still cannot sign in to a site',
	name: 'reactivateNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: ['user'], operation: ['reactivate'] } },
};

export interface ActiveSwitchPlan {
	target: UserTarget;
	simplify: boolean;
}

/** Deactivate and Reactivate differ only in the value of `active`: one description and one execute for both. */
export function activeSwitch(operation: 'deactivate' | 'reactivate') {
	const active = operation === 'reactivate';
	const description: INodeProperties[] = [
		...(active ? [reactivateNotice] : []),
		userLocator([operation]),
		simplifyField('user', { resource: ['user'], operation: [operation] }),
	];
	function prepare(this: IExecuteFunctions, i: number): ActiveSwitchPlan {
		return { target: readUserTarget.call(this, i), simplify: simplifyWanted(this, i) };
	}
	async function execute(this: IExecuteFunctions, i: number, clients: Clients, { target, simplify }: ActiveSwitchPlan): Promise<IDataObject[]> {
		const client = await clients.scim();
		const ref = await findUser.call(this, client, target, i);
		const response = await client.request({
			method: 'PATCH',
			path: userPath(ref.id),
			body: {
				schemas: [PATCH_OP_SCHEMA],
				Operations: [{ op: 'replace', path: 'active', value: active }],
			},
			itemIndex: i,
			subject: ref.label,
			shape: 'resource',
		});
		clients.wrote(i, writtenName(ref, response.body), operation === 'reactivate' ? 'reactivated' : 'deactivated');
		const out = simplify ? simplifyUser(response.body) : response.body;
		return [active ? { ...out, note: REACTIVATE_NOTE } : out];
	}
	return { description, prepare, execute };
}
