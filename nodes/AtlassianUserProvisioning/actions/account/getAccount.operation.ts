import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { directoryUsersPath } from '../../transport/paths';
import type { Clients } from '../types';
import { accountField, directoryField } from './fields';
import { accountsByEmail, checkEmail, isEmail } from '../../models/accounts';
import { directoryOf } from './lookup';

export const description: INodeProperties[] = [accountField(['getAccount']), directoryField(['getAccount'])];

/** The account as Atlassian's v2 details return it; by email through the v2 search (exact match). */
export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const entry = requireText(node, i, 'Account', this.getNodeParameter('account', i), '"5f45327791e67a003fed461e" or "ada@example.com"');
	const directoryId = directoryOf(this, i);
	const client = await clients.admin();
	if (isEmail(entry)) {
		const email = checkEmail(node, i, 'Account', entry);
		const found = (await accountsByEmail(client, [email], directoryId, i)).get(email.toLowerCase());
		if (!found) {
			throw new NodeOperationError(node, `No account with the email ${email} in ${directoryId === '-' ? 'the organization' : `directory ${directoryId}`}`, {
				itemIndex: i,
				description: 'Atlassian matches emails exactly (not case-sensitive). Check the address, or pick "All directories".',
			});
		}
		return [found];
	}
	const response = await client.request({
		method: 'GET',
		path: directoryUsersPath(client, directoryId, `/${encodeURIComponent(entry)}`),
		json: true,
		itemIndex: i,
		subject: `account "${entry}"`,
	});
	return [(response.body.data as IDataObject | undefined) ?? response.body];
}
