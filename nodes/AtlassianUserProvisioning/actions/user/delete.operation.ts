import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiError } from '../../transport/errors';
import type { Clients } from '../types';
import { resolveUser, userLocator, userPath } from './locator';

export const description: INodeProperties[] = [
	{
		displayName:
			'Deletes the SCIM record: the user is unlinked from your identity provider, deactivated if your organization manages the account, and removed from its groups. This cannot be undone (only a new Create makes a new record). To disable a user reversibly, use Deactivate.',
		name: 'deleteNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['user'], operation: ['delete'] } },
	},
	userLocator(['delete']),
];

/** What a DELETE does to the Atlassian account, which the SCIM answer does not say (an empty 204). */
const ACCOUNT_NOTE =
	'The SCIM record is deleted. Atlassian deactivated the Atlassian account if the organization manages it (a verified email domain); an account the organization does not manage stays active, only unlinked and out of the groups.';

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const client = await clients.scim();
	const ref = await resolveUser.call(this, client, i);
	const response = await client.request({
		method: 'DELETE',
		path: userPath(ref.id),
		itemIndex: i,
		subject: ref.label,
		expect: [404],
	});
	if (response.statusCode === 404) {
		// A 404 after a lost answer: the first attempt deleted the user, or there was none; nobody can tell which now.
		if (!response.resent) throw apiError(this.getNode(), { statusCode: 404, body: response.body }, { api: 'scim', itemIndex: i, subject: ref.label, attempts: 1 });
		return [{ id: ref.id, deleted: true, note: 'The user is gone, but not confirmed deleted by this run: an earlier attempt got no clear answer, so it either deleted the user or there was none with this ID.' }];
	}
	return [{ id: ref.id, deleted: true, accountNote: ACCOUNT_NOTE }];
}
