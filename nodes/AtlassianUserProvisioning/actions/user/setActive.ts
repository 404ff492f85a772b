import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyOption } from '../../helpers/descriptions';
import { simplifyUser } from '../../helpers/output';
import { PATCH_OP_SCHEMA } from '../../transport/schemas';
import type { Clients } from '../types';
import { resolveUser, userLocator, userPath } from './locator';

/** Deactivate and Reactivate differ only in the value of `active`: one description and one execute for both. */
export function activeSwitch(operation: 'deactivate' | 'reactivate') {
	const active = operation === 'reactivate';
	const description: INodeProperties[] = [
		userLocator([operation]),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { resource: ['user'], operation: [operation] } },
			options: [simplifyOption('user')],
		},
	];
	async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const client = await clients.scim();
		const ref = await resolveUser.call(this, client, i);
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
		return [options.simplify ? simplifyUser(response.body) : response.body];
	}
	return { description, execute };
}
