import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { goneAfterLostAnswer } from '../../transport/lostAnswers';
import { userPath } from '../../transport/paths';
import type { Clients } from '../types';
import { findUser, readUserTarget, userLocator, writtenName, type UserTarget } from './locator';

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

export function prepare(this: IExecuteFunctions, i: number): UserTarget {
	return readUserTarget.call(this, i);
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, target: UserTarget): Promise<IDataObject[]> {
	const client = await clients.scim();
	const ref = await findUser.call(this, client, target, i);
	const response = await client.request({
		method: 'DELETE',
		path: userPath(ref.id),
		itemIndex: i,
		subject: ref.label,
		expect: [404],
	});
	if (response.statusCode === 404) {
		const note = goneAfterLostAnswer(this.getNode(), response, 'user', i, ref.label);
		clients.wrote(i, writtenName(ref), 'deleted');
		return [{ id: ref.id, deleted: true, note }];
	}
	clients.wrote(i, writtenName(ref), 'deleted');
	return [{ id: ref.id, deleted: true, accountNote: ACCOUNT_NOTE }];
}
