import type { IDataObject, INode } from 'n8n-workflow';

import { invalid } from '../helpers/validation';
import type { AtlassianClient } from '../transport/client';
import { cursorOf } from '../transport/paging';
import { directoryUsersPath } from '../transport/paths';

/** Atlassian accounts found by email (Organizations API v2 search), shared by the account and user operations. */

/** Atlassian publishes no maximum for `emails`; the node sends at most 50 per search, so one request stays small. */
const EMAILS_PER_SEARCH = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const isEmail = (text: string) => text.includes('@');

export function checkEmail(node: INode, i: number, field: string, email: string): string {
	if (!EMAIL.test(email)) throw invalid(node, i, field, `"${email}" is neither an account ID nor an email address`, '"ada@example.com" or "5f45327791e67a003fed461e"');
	return email;
}

/** Looks emails up with the v2 search (exact matches, `emails`), 50 per request; returns lower-cased email → account. */
export async function accountsByEmail(client: AtlassianClient, emails: string[], directoryId: string, itemIndex: number): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	for (let at = 0; at < emails.length; at += EMAILS_PER_SEARCH) {
		const batch = emails.slice(at, at + EMAILS_PER_SEARCH);
		let cursor: string | undefined;
		do {
			const response = await client.request({
				method: 'POST',
				path: directoryUsersPath(client, directoryId, '/search'),
				body: cursor ? { cursor, emails: batch, limit: 100 } : { emails: batch, limit: 100 },
				json: true,
				itemIndex,
				subject: batch.length === 1 ? `email "${batch[0]}"` : `${batch.length} emails`,
			});
			const users = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
			for (const user of users) {
				const email = typeof user.email === 'string' ? user.email.toLowerCase() : '';
				if (email && !found.has(email)) found.set(email, user);
			}
			cursor = cursorOf((response.body.links as IDataObject | undefined)?.next);
		} while (cursor);
	}
	return found;
}

