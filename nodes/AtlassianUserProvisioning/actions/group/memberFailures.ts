import { NodeApiError, NodeOperationError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { mapInOrder } from '../../helpers/lists';
import type { AtlassianClient } from '../../transport/client';
import { detailOf } from '../../transport/errors';
import { groupPath, userPath } from '../../transport/paths';
import type { ApiResponse } from '../../transport/types';
import { type GroupRef } from './locator';
import { CHUNK_SIZE, memberList, type Member } from './memberInput';

// Explaining a member change that failed: which chunk, what was already done, which members are at fault.
// Sending the chunks is memberPatch.ts.

export type MemberAction = 'add' | 'remove';

/** Where a chunk sits in the whole change, for messages. */
export interface ChunkPlace {
	index: number;
	count: number;
	total: number;
	/** For Create: how many members the group was created with (the first chunk goes with the create request). */
	createdWith?: number;
}

export const past = (action: MemberAction) => (action === 'add' ? 'added' : 'removed');

export function chunkText(place: ChunkPlace, size: number, action: MemberAction): string {
	if (place.count <= 1) return '';
	const start = place.index * CHUNK_SIZE;
	let done = '';
	if (place.createdWith !== undefined && start > 0) {
		done = `; the group was created with members 1–${place.createdWith}`;
		if (start > place.createdWith) done += ` and members ${place.createdWith + 1}–${start} were added`;
	} else if (start > 0) {
		done = `; members 1–${start} were ${past(action)} already`;
	}
	return ` (chunk ${place.index + 1} of ${place.count}: members ${start + 1}–${start + size} of ${place.total}${done})`;
}

async function userExists(client: AtlassianClient, id: string, i: number): Promise<boolean> {
	let path: string;
	try {
		path = userPath(id);
	} catch {
		return false;
	}
	const response = await client.request({ method: 'GET', path, query: { attributes: 'userName' }, itemIndex: i, subject: `user "${id}"`, expect: [400, 404] });
	return response.statusCode < 300;
}

/**
 * The members of the request that Atlassian's error text names ("Users referenced do not exist: […]"), matched by
 * SCIM ID as a whole word, so no member has to be looked up when Atlassian already said which.
 */
function namedMembers(detail: string | undefined, members: Member[]): Member[] {
	if (!detail) return [];
	return members.filter((m) => {
		let at = detail.indexOf(m.id);
		while (at >= 0) {
			const before = detail[at - 1] ?? ' ';
			const after = detail[at + m.id.length] ?? ' ';
			if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) return true;
			at = detail.indexOf(m.id, at + 1);
		}
		return false;
	});
}

/**
 * Turns a refused member change into an error that names what went wrong. Atlassian answers an unknown member with
 * 404 on PATCH (spec) or 400 (PUT, and possibly PATCH). When its text names members of the request, those are the
 * unknown ones; only when it names none are the members of the refused request looked up, one by one. A 404 with every member found
 * means the group is gone.
 */
export async function memberFailure(
	this: IExecuteFunctions,
	client: AtlassianClient,
	i: number,
	what: string,
	group: GroupRef | undefined,
	members: Member[],
	where: string,
	response: ApiResponse & { note?: string },
): Promise<NodeApiError> {
	const { statusCode, body } = response;
	const detail = detailOf(body);
	let missing: Member[] = [];
	let groupGone = false;
	const named = statusCode === 400 || statusCode === 404 ? namedMembers(detail, members) : [];
	if (named.length) {
		missing = named;
	} else if (statusCode === 400 || statusCode === 404) {
		try {
			const exists = await mapInOrder(members, client.settings.maxConcurrency, async (m) => await userExists(client, m.id, i));
			missing = members.filter((_, n) => !exists[n]);
			if (!missing.length && group && statusCode === 404) {
				const current = await client.request({ method: 'GET', path: groupPath(group.id), itemIndex: i, subject: group.label, expect: [404] });
				groupGone = current.statusCode === 404;
			}
		} catch {
			// The look-ups only sharpen the message; Atlassian's own answer is reported either way.
		}
	}
	const answer = `Atlassian answered ${statusCode}${detail ? `: ${detail}` : ''}.${response.note ? ` ${response.note}` : ''}`;
	let message: string;
	let description: string;
	if (missing.length) {
		const users = missing.length === 1 ? 'this user does' : `these ${missing.length} users do`;
		message = `Could not ${what}${where}: ${users} not exist in this directory: ${memberList(missing)}`;
		description = `${answer} Correct or leave out the unknown members and run again (members already changed are not changed twice).`;
	} else if (groupGone) {
		message = `Could not ${what}: the group was not found (it may have been deleted)`;
		description = `${answer} Members in the request: ${memberList(members)}.`;
	} else {
		message = `Could not ${what}${where}: ${detail ?? `HTTP ${statusCode}`}`;
		description = `${answer} Members in the request: ${memberList(members)}.`;
	}
	return new NodeApiError(this.getNode(), { statusCode, body } as JsonObject, { message, description, httpCode: String(statusCode), itemIndex: i });
}

/**
 * A chunk that failed without an answer about its members (a server error or a timeout after the retries, a
 * rate limit, a lost connection): the error keeps its kind and says which chunk failed, what was already done
 * (`where`) and what may or may not have happened to this chunk (`note`).
 */
export function chunkFailure(error: unknown, what: string, where: string, note: string): unknown {
	if (!where || !(error instanceof NodeApiError || error instanceof NodeOperationError)) return error;
	error.message = `Could not ${what}${where}: ${error.message}`;
	error.description = [error.description, note].filter(Boolean).join(' ');
	return error;
}
