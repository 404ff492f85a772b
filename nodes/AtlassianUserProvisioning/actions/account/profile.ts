import type { IDataObject } from 'n8n-workflow';

import type { AtlassianClient } from '../../transport/client';
import { reasonText } from '../../transport/errors';
import { managePath } from '../../transport/paths';

export async function getProfile(client: AtlassianClient, accountId: string, i: number, subject: string): Promise<IDataObject> {
	const response = await client.request({ method: 'GET', path: managePath(accountId, '/profile'), json: true, itemIndex: i, subject });
	return (response.body.account as IDataObject | undefined) ?? response.body;
}

/**
 * A bare `forbidden` from the User Management API does not say why: the account's management permissions do
 * (`GET /users/{id}/manage?privileges=…`), e.g. `externalDirectory.google`. Rewrites the error's message with it.
 */
export async function explained(client: AtlassianClient, accountId: string, privilege: string, i: number, caught: unknown): Promise<never> {
	const key = (caught as { context?: IDataObject }).context?.atlassianKey;
	if (key !== 'forbidden') throw caught;
	try {
		const response = await client.request({ method: 'GET', path: managePath(accountId), query: { privileges: privilege }, json: true, itemIndex: i, subject: `account "${accountId}"` });
		let rule = response.body[privilege] as IDataObject | undefined;
		if (rule && rule.allowed === undefined) rule = Object.values(rule).find((r) => (r as IDataObject)?.allowed === false) as IDataObject | undefined;
		const reason = reasonText((rule?.reason as IDataObject | undefined)?.key);
		if (reason && caught instanceof Error) {
			caught.message = `Atlassian does not let an admin do this to account "${accountId}": ${reason} (403)`;
			(caught as { description?: string }).description = `The account's management permissions say: ${reason}.`;
		}
	} catch {
		// The permissions could not be read: the original error stands as it is.
	}
	throw caught;
}
