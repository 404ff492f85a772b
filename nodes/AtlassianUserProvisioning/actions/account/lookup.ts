import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { invalid, requireText } from '../../helpers/validation';
import { accountsByEmail, checkEmail, isEmail } from '../../models/accounts';
import type { AtlassianClient } from '../../transport/client';
import { cursorOf } from '../../transport/paging';
import { directoriesPath } from '../../transport/paths';
import type { Clients } from '../types';

/** The directory picked (resource locator or plain text); '-' means all directories. */
export function directoryOf(ctx: IExecuteFunctions, i: number): string {
	const raw = ctx.getNodeParameter('directory', i, '-', { extractValue: true }) as unknown;
	const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
	if (!text) throw invalid(ctx.getNode(), i, 'Directory', 'no directory given', '"-" (all directories) or a directory ID from the list');
	return text;
}

/** The account ID for an entry that is an ID or an email; undefined when no account has that email. */
export async function accountIdFor(client: AtlassianClient, node: INode, i: number, field: string, entry: string, directoryId = '-'): Promise<string | undefined> {
	if (!isEmail(entry)) return entry;
	const email = checkEmail(node, i, field, entry);
	const found = await accountsByEmail(client, [email], directoryId, i);
	return found.get(email.toLowerCase())?.accountId as string | undefined;
}

/** The directories an account is in (GET …/directories?accountId=), for writes that need one directory. */
export async function directoriesOf(client: AtlassianClient, accountId: string, itemIndex: number): Promise<Array<{ directoryId: string; name: string | null }>> {
	const out: Array<{ directoryId: string; name: string | null }> = [];
	let cursor: string | undefined;
	do {
		const response = await client.request({
			method: 'GET',
			path: directoriesPath(client),
			query: { accountId, cursor },
			json: true,
			itemIndex,
			subject: `the directories of account "${accountId}"`,
		});
		for (const d of (response.body.data as IDataObject[] | undefined) ?? []) {
			if (typeof d.directoryId === 'string') out.push({ directoryId: d.directoryId, name: typeof d.name === 'string' ? d.name : null });
		}
		cursor = cursorOf((response.body.links as IDataObject | undefined)?.next);
	} while (cursor);
	return out;
}

export function notFoundByEmail(node: INode, i: number, email: string): NodeOperationError {
	return new NodeOperationError(node, `No account in the organization has the email ${email}`, {
		itemIndex: i,
		description: 'Atlassian matches emails exactly (not case-sensitive). Use the account ID, or check the address.',
	});
}

/** The "Account" parameter of a single-account operation, resolved to an account ID (an unknown email is an error). */
export async function oneAccount(
	ctx: IExecuteFunctions,
	i: number,
	clients: Clients,
	prepared?: string,
): Promise<{ client: AtlassianClient; accountId: string; entry: string }> {
	const node = ctx.getNode();
	const entry = prepared ?? requireText(node, i, 'Account', ctx.getNodeParameter('account', i), '"5f45327791e67a003fed461e" or "ada@example.com"');
	const client = await clients.admin();
	const accountId = await accountIdFor(client, node, i, 'Account', entry);
	if (!accountId) throw notFoundByEmail(node, i, entry);
	return { client, accountId, entry };
}
