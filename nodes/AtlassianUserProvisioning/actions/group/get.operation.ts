import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { simplifyGroup } from '../../helpers/output';
import { groupPath } from '../../transport/paths';
import type { Clients } from '../types';
import { groupLocator, resolveGroup } from './locator';

const show = { resource: ['group'], operation: ['get'] };

export const description: INodeProperties[] = [groupLocator(['get']), simplifyField('group', show)];

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const client = await clients.scim();
	const ref = await resolveGroup.call(this, client, i);
	const group = ref.group ?? (await client.request({ method: 'GET', path: groupPath(ref.id), itemIndex: i, subject: ref.label })).body;
	return [simplifyWanted(this, i) ? simplifyGroup(group) : group];
}
