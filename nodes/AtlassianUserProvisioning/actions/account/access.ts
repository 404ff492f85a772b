import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { directoryUsersPath } from '../../transport/paths';
import type { Clients } from '../types';
import { inEachDirectory, runBulk } from './bulk';
import { directoryField, noticeAndAccounts } from './fields';

/**
 * Suspend Access, Restore Access and Remove from Directory (Organizations API v2), in the chosen directory or in
 * each directory the account is in. Suspend and restore send `{}` as JSON: a bodyless POST gets 415.
 */
export async function directoryWrite(ctx: IExecuteFunctions, i: number, clients: Clients, kind: 'suspend' | 'restore' | 'remove') {
	const done = { suspend: 'suspended', restore: 'restored', remove: 'removed' }[kind];
	return await runBulk(ctx, i, clients, async (client, target, itemIndex) =>
		await inEachDirectory(ctx, client, target, itemIndex, done, async (directoryId) => {
			const response = await client.request({
				method: kind === 'remove' ? 'DELETE' : 'POST',
				path: directoryUsersPath(client, directoryId, `/${encodeURIComponent(target.accountId)}${kind === 'remove' ? '' : `/${kind}`}`),
				...(kind === 'remove' ? {} : { body: {} }),
				json: true,
				itemIndex,
				subject: `account "${target.email ?? target.accountId}" in directory "${directoryId}"`,
				expect: [404],
			});
			if (response.statusCode !== 404) return 'done';
			// An earlier attempt that got no clear answer may have removed it: Atlassian cannot tell afterwards.
			return kind === 'remove' && response.resent ? 'gone' : 'notFound';
		}),
	);
}

/** Suspend Access, Restore Access and Remove from Directory differ only in their notice, directory hint and request. */
export function directoryAccessOperation(operation: string, kind: 'suspend' | 'restore' | 'remove', notice: string, directoryHint: string) {
	const description: INodeProperties[] = [
		...noticeAndAccounts(operation, notice),
		directoryField([operation], directoryHint),
	];
	async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
		return await directoryWrite(this, i, clients, kind);
	}
	return { description, execute };
}
