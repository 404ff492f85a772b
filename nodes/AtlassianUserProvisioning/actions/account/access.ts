import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { directoryUsersPath } from '../../transport/paths';
import type { Clients } from '../types';
import { accountName, inEachDirectory, readAccounts, runBulk } from './bulk';
import { directoryField, noticeAndAccounts } from './fields';
import { directoryOf } from './lookup';

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

/** Suspend Access, Restore Access and Remove from Directory differ only in their notice, directory hint and request. */
export function directoryAccessOperation(operation: string, kind: 'suspend' | 'restore' | 'remove', notice: string, directoryHint: string) {
	const description: INodeProperties[] = [
		...noticeAndAccounts(operation, notice),
		directoryField([operation], directoryHint),
	];
	function prepare(this: IExecuteFunctions, i: number): DirectoryWritePlan {
		return prepareDirectoryWrite(this, i);
	}
	async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: DirectoryWritePlan): Promise<IDataObject[]> {
		return await directoryWrite(this, i, clients, kind, plan);
	}
	return { description, prepare, execute };
}
