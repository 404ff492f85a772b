import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	attributesOption,
	excludedAttributesOption,
	simplifyField,
	simplifyWanted,
	optionsCollection,
} from '../../helpers/descriptions';
import { attributeQuery, simplifyUser } from '../../helpers/output';
import { userPath } from '../../transport/paths';
import type { Clients } from '../types';
import { resolveUser, userLocator } from './locator';
import { managedFlags, managedStatusClient, managedStatusField } from './managedStatus';

const show = { resource: ['user'], operation: ['get'] };

export const description: INodeProperties[] = [
	userLocator(['get']),
	managedStatusField('get'),
	simplifyField('user', show),
	optionsCollection(show, [attributesOption, excludedAttributesOption]),
];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const query = attributeQuery(this.getNode(), i, options);
	const client = await clients.scim();
	const admin = await managedStatusClient(this, i, clients);
	const ref = await resolveUser.call(this, client, i, query);
	const user =
		ref.user ??
		(await client.request({ method: 'GET', path: userPath(ref.id), query, itemIndex: i, subject: ref.label, shape: 'resource' })).body;
	const out = simplifyWanted(this, i) ? simplifyUser(user) : user;
	if (!admin) return [out];
	const [managedAccount] = await managedFlags(admin, [user], i);
	return [{ ...out, managedAccount }];
}
