import type { IExecuteFunctions } from 'n8n-workflow';

import type { Clients } from '../types';
import { accountName, inEachDirectory, readAccounts, runBulk } from './bulk';
import { directoryOf } from './lookup';
import { directoryUsersPath } from './paths';

/**
 * Suspend Access, Restore Access and Remove from Directory (Organizations API v2), in the chosen directory or in
 * each directory the account is in. Suspend and restore send `{}` as JSON: a bodyless POST gets 415.
 */
export interface DirectoryWritePlan {
	entries: string[];
	directory: string;
}

export function prepareDirectoryWrite(ctx: IExecuteFunctions, i: number): DirectoryWritePlan {
	return { entries: readAccounts(ctx, i), directory: directoryOf(ctx, i) };
}

export async function directoryWrite(ctx: IExecuteFunctions, i: number, clients: Clients, kind: 'suspend' | 'restore' | 'remove', plan: DirectoryWritePlan) {
	const done = { suspend: 'suspended', restore: 'restored', remove: 'removed' }[kind];
	return await runBulk(ctx, i, clients, plan.entries, async (client, target, itemIndex) =>
		await inEachDirectory(client, target, itemIndex, plan.directory, done, async (directoryId) => {
			const response = await client.request({
				method: kind === 'remove' ? 'DELETE' : 'POST',
				path: directoryUsersPath(client, directoryId, `/${encodeURIComponent(target.accountId)}${kind === 'remove' ? '' : `/${kind}`}`),
				...(kind === 'remove' ? {} : { body: {} }),
				json: true,
				itemIndex,
				subject: `account "${target.email ?? target.accountId}" in directory "${directoryId}"`,
				expect: [404],
			});
			if (response.statusCode !== 404) {
				clients.wrote(itemIndex, accountName(target), `${done} in directory ${directoryId}`);
				return 'done';
			}
			// An earlier attempt that got no clear answer may have removed it: Atlassian cannot tell afterwards.
			return kind === 'remove' && response.resent ? 'gone' : 'notFound';
		}),
	);
}
