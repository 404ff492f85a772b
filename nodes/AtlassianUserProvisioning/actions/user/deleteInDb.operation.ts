import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { detailOf } from '../../transport/errors';
import { adminPath, segment } from '../../transport/paths';
import { mapInOrder, parseList } from '../../helpers/lists';
import { accountsByEmail, checkEmail, isEmail } from '../../models/accounts';
import type { Clients } from '../types';

const show = { resource: ['user'], operation: ['deleteInDb'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'Deletes the SCIM records of each Atlassian account ID in every directory of your organization (managed accounts only). The Atlassian accounts stay; each user must be provisioned again from your identity provider afterwards, group memberships included. Uses the Atlassian Organization API credential.',
		name: 'deleteInDbNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Atlassian Account IDs',
		name: 'accountIds',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. 5f45327791e67a003fed461e',
		// IDs only: Atlassian's endpoint takes an account ID, and an email would need a lookup this operation does not make.
		hint: 'Account IDs only, not emails: Organization Account → Get finds the ID of an email',
		displayOptions: { show },
		description:
			'One account ID, or several separated by commas or new lines, or a list from an expression. Get a user\'s ID from the "atlassianAccountId" of a SCIM user (Get, with Simplify) or from its admin.atlassian.com profile URL. An email is looked up in the organization first.',
	},
];

/**
 * "gone": the retry of an attempt that got no clear answer (5xx, timeout, dropped connection) found no record. That
 * attempt may have deleted it, or there was none: Atlassian cannot tell afterwards, so the report says so.
 */
type Outcome = 'deleted' | 'notFound' | 'gone' | 'failed';

/**
 * One output item per account ID, with its outcome, ready for an email summary. "Not found" is an outcome, not an
 * error. Other failures stop the node, unless Continue On Fail is on: then each is reported on its own item and the
 * rest of the list goes on. A wrong key or organization stops the node in any case: it would fail every ID.
 */
export function prepare(this: IExecuteFunctions, i: number): string[] {
	const node = this.getNode();
	const entries = parseList(node, i, 'Atlassian Account IDs', this.getNodeParameter('accountIds', i), '"5f45327791e67a003fed461e"');
	for (const entry of entries) {
		if (isEmail(entry)) checkEmail(node, i, 'Atlassian Account IDs', entry);
		else segment(entry, 'Atlassian Account ID');
	}
	return entries;
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, entries: string[]): Promise<IDataObject[]> {
	const node = this.getNode();
	const client = await clients.admin();
	const continueOnFail = this.continueOnFail();
	// An email pasted here is not sent as an ID (Atlassian would answer "not found" and the record would seem gone):
	// it is looked up in the organization, as the account operations do.
	const emails = entries.filter(isEmail);
	const byEmail = emails.length ? await accountsByEmail(client, emails, '-', i) : new Map<string, IDataObject>();
	return await mapInOrder(entries, client.settings.maxConcurrency, async (entry) => {
		const email = isEmail(entry) ? entry : undefined;
		const accountId = email ? ((byEmail.get(email.toLowerCase())?.accountId as string | undefined) ?? null) : entry;
		const report = (outcome: Outcome, statusCode: number | null, message: string) => ({ accountId, ...(email ? { email } : {}), outcome, statusCode, message });
		if (accountId === null) {
			return report('notFound', null, `No account in the organization has the email ${entry}. A SCIM record can still hold it: Get SCIM Links (by email) finds it, and Unlink frees it`);
		}
		try {
			const response = await client.request({
				method: 'DELETE',
				path: adminPath(client, `/user/${segment(accountId, 'Atlassian Account ID')}/onlyDeleteUserInDB`),
				itemIndex: i,
				subject: `account "${accountId}"`,
				expect: [404],
			});
			if (response.statusCode === 404) {
				return response.resent
					? report('gone', 404, 'No SCIM record remains: an earlier attempt got no clear answer, so it either deleted the record or there was none')
					: report('notFound', 404, detailOf(response.body) ?? 'No SCIM record for this account ID');
			}
			clients.wrote(i, accountId, 'SCIM records deleted');
			return report('deleted', response.statusCode, 'SCIM records deleted');
		} catch (caught) {
			const error = caught instanceof NodeApiError || caught instanceof NodeOperationError ? caught : new NodeOperationError(node, caught as Error, { itemIndex: i });
			const httpCode = error instanceof NodeApiError ? error.httpCode : null;
			if (!continueOnFail || httpCode === '401' || httpCode === '403') throw error;
			return { ...report('failed', httpCode ? Number(httpCode) : null, error.message), errorDescription: error.description ?? null };
		}
	});
}
