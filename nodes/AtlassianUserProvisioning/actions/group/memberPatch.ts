import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AtlassianClient } from '../../transport/client';
import { detailOf } from '../../transport/errors';
import { groupPath, scimString } from '../../transport/paths';
import { PATCH_OP_SCHEMA } from '../../transport/schemas';
import type { ApiResponse } from '../../transport/types';
import type { Clients } from '../types';
import { type GroupRef } from './locator';
import { chunkFailure, chunkText, memberFailure, past, type MemberAction } from './memberFailures';
import { chunks, type Member } from './memberInput';

// Sending a member change: one PATCH per chunk, and the two forms of removal. Explaining a failure is memberFailures.ts.

/**
 * The two ways to remove members (docs/atlassian-api.md §4): Atlassian documents neither. The filter path is the form
 * go-atlassian sends ([GO-ATLASSIAN]), so it goes first; the value array is RFC 7644's other form.
 */
export type RemoveForm = 'filter-path' | 'value-array';
const REMOVE_FORMS: RemoveForm[] = ['filter-path', 'value-array'];

/** Kept in `Clients.learned`, so it lives for one execution only. */
const REMOVE_STATE = 'group.removeMembers';
interface RemoveState {
	/** The form Atlassian accepted in this execution; from then on only this form is sent. */
	accepted?: RemoveForm;
	/** While no form is known, one chunk at a time tries the forms, so a refused form is sent once, not once per item. */
	queue: Promise<void>;
}

function scimTypeOf(body: IDataObject): string | undefined {
	const type = body.scimType ?? body.scimErrorType;
	return typeof type === 'string' ? type : undefined;
}

/** A 400 that may mean "this form of request is not understood", as opposed to a problem with the members. */
function formRefused(response: ApiResponse): boolean {
	return response.statusCode === 400 && ['invalidPath', 'invalidValue', 'noTarget', 'invalidSyntax'].includes(scimTypeOf(response.body) ?? '');
}

function memberIdsOf(group: IDataObject): Set<string> {
	const members = Array.isArray(group.members) ? (group.members as IDataObject[]) : [];
	return new Set(members.map((m) => String(m.value)));
}

function addOperations(ids: string[]): IDataObject[] {
	return [{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }];
}

function removeOperations(form: RemoveForm, ids: string[]): IDataObject[] {
	return form === 'filter-path'
		? ids.map((id) => ({ op: 'remove', path: `members[value eq ${scimString(id)}]` }))
		: [{ op: 'remove', path: 'members', value: ids.map((value) => ({ value })) }];
}

function removeState(clients: Clients): RemoveState {
	let state = clients.learned.get(REMOVE_STATE) as RemoveState | undefined;
	if (!state) {
		state = { queue: Promise.resolve() };
		clients.learned.set(REMOVE_STATE, state);
	}
	return state;
}

async function oneAtATime<T>(state: RemoveState, task: () => Promise<T>): Promise<T> {
	const before = state.queue;
	let release!: () => void;
	state.queue = new Promise<void>((resolve) => (release = resolve));
	await before;
	try {
		return await task();
	} finally {
		release();
	}
}

/**
 * Removes one chunk. While this execution has not seen Atlassian accept a form, the filter path is tried and, if
 * Atlassian answers 400 invalidPath/invalidValue/noTarget/invalidSyntax, the value array; the form that works is
 * used for the rest of the execution (never remembered beyond it). A 400 noTarget can also mean "none of these
 * is a member" (for example when the answer to an earlier attempt was lost and the retry finds them gone):
 * if the group confirms that, the chunk is done.
 */
async function removeChunk(
	client: AtlassianClient,
	clients: Clients,
	i: number,
	group: GroupRef,
	ids: string[],
	send: (operations: IDataObject[]) => Promise<ApiResponse>,
): Promise<ApiResponse & { note?: string }> {
	const state = removeState(clients);
	const attempt = async (form: RemoveForm): Promise<{ response: ApiResponse; confirmedAbsent?: boolean }> => {
		const response = await send(removeOperations(form, ids));
		if (response.statusCode === 400 && scimTypeOf(response.body) === 'noTarget') {
			const current = await client.request({ method: 'GET', path: groupPath(group.id), itemIndex: i, subject: group.label, expect: [404] });
			const members = memberIdsOf(current.body);
			if (current.statusCode === 200 && !ids.some((id) => members.has(id))) return { response: current, confirmedAbsent: true };
		}
		return { response };
	};
	if (state.accepted) return (await attempt(state.accepted)).response;
	return await oneAtATime(state, async () => {
		if (state.accepted) return (await attempt(state.accepted)).response;
		const refused: ApiResponse[] = [];
		for (const form of REMOVE_FORMS) {
			const { response, confirmedAbsent } = await attempt(form);
			if (response.statusCode < 300) {
				if (!confirmedAbsent) state.accepted = form;
				return response;
			}
			if (!formRefused(response)) return response;
			refused.push(response);
		}
		const first = detailOf(refused[0].body);
		return {
			...refused[refused.length - 1],
			note: `Both removal forms were tried: members[value eq "…"] (Atlassian answered ${refused[0].statusCode}${first ? `: ${first}` : ''}) and a members value list.`,
		};
	});
}

/**
 * Adds or removes members, one PATCH per chunk of 100, in order. A refused chunk stops the item with an error that
 * names the chunk, what was already done and the members at fault. Returns the group after the change (fetched
 * when the last answer has no body).
 */
export async function patchMembers(
	this: IExecuteFunctions,
	client: AtlassianClient,
	clients: Clients,
	i: number,
	group: GroupRef,
	members: Member[],
	action: MemberAction,
	options: { fromChunk?: number; createdWith?: number } = {},
): Promise<IDataObject> {
	const parts = chunks(members);
	let latest: IDataObject = {};
	for (let index = options.fromChunk ?? 0; index < parts.length; index++) {
		const part = parts[index];
		const ids = part.map((m) => m.id);
		const send = async (operations: IDataObject[]) =>
			await client.request({
				method: 'PATCH',
				path: groupPath(group.id),
				body: { schemas: [PATCH_OP_SCHEMA], Operations: operations },
				itemIndex: i,
				subject: group.label,
				expect: [400, 404],
			});
		const where = chunkText({ index, count: parts.length, total: members.length, createdWith: options.createdWith }, part.length, action);
		const what = action === 'add' ? `add members to ${group.label}` : `remove members from ${group.label}`;
		let response: ApiResponse & { note?: string };
		try {
			response = action === 'add' ? await send(addOperations(ids)) : await removeChunk(client, clients, i, group, ids, send);
		} catch (error) {
			throw chunkFailure(error, what, where, `Chunk ${index + 1} may or may not have been applied. Running the item again is safe: members already changed are not changed twice.`);
		}
		if (response.statusCode >= 300) throw await memberFailure.call(this, client, i, what, group, part, where, response);
		clients.wrote(i, group.label, `had ${part.length} ${part.length === 1 ? 'member' : 'members'} ${past(action)}`);
		latest = response.body;
	}
	if (!latest.id) latest = (await client.request({ method: 'GET', path: groupPath(group.id), itemIndex: i, subject: group.label })).body;
	return latest;
}
