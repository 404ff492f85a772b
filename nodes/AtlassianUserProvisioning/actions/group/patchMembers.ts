import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { detailOf } from '../../transport/errors';
import type { AtlassianClient } from '../../transport/client';
import type { Clients } from '../types';
import { groupPath } from './locator';
import { chunks, type Member } from './members';

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
type RemoveForm = 'filter-path' | 'value-array';
const REMOVE_FORM = 'group.memberRemoveForm';
const REMOVE_PROBE = 'group.memberRemoveProbe';
const settle = () => undefined;

/** Atlassian documents no remove form (API notes §3, §9): the filter path is seen in production, the value array is RFC 7644's. */
function removeOperations(form: RemoveForm, ids: string[]): IDataObject[] {
	return form === 'filter-path'
		? ids.map((id) => ({ op: 'remove', path: `members[value eq "${id.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"]` }))
		: [{ op: 'remove', path: 'members', value: ids.map((value) => ({ value })) }];
}

/** A 400 that says the request's form was not understood, as opposed to a problem with the data. */
function formRefused(response: { statusCode: number; body: IDataObject }): boolean {
	return response.statusCode === 400 && ['invalidPath', 'invalidValue', 'invalidSyntax', 'noTarget', undefined].includes(response.body.scimType as string | undefined);
}

/**
 * Adds or removes members in chunks of 100, one PATCH per chunk, in order. A refused chunk stops the item with an
 * error naming the chunk and its members (earlier chunks stay applied, and the message says so). For removal the
 * form Atlassian accepts is learned once per execution (the filter path first; if refused, the value array).
 */
export async function patchMembers(
	this: IExecuteFunctions,
	client: AtlassianClient,
	clients: Clients,
	i: number,
	group: { id: string; label: string },
	members: Member[],
	action: 'add' | 'remove',
): Promise<IDataObject> {
	const parts = chunks(members);
	let last: IDataObject = {};
	for (const [n, part] of parts.entries()) {
		const ids = part.map((m) => m.id);
		const send = async (operations: IDataObject[]) =>
			await client.request({
				method: 'PATCH',
				path: groupPath(group.id),
				body: { schemas: [PATCH_SCHEMA], Operations: operations },
				itemIndex: i,
				subject: group.label,
				expect: [400, 404],
			});
		let response;
		if (action === 'add') {
			response = await send([{ op: 'add', path: 'members', value: ids.map((value) => ({ value })) }]);
		} else {
			// Items run concurrently: while one of them finds out which form Atlassian accepts, the others wait for it.
			let form = clients.learned.get(REMOVE_FORM) as RemoveForm | undefined;
			const probing = clients.learned.get(REMOVE_PROBE) as Promise<unknown> | undefined;
			if (!form && probing) {
				await probing.then(settle, settle);
				form = clients.learned.get(REMOVE_FORM) as RemoveForm | undefined;
			}
			if (form) {
				response = await send(removeOperations(form, ids));
			} else {
				const probe = (async () => {
					const first = await send(removeOperations('filter-path', ids));
					if (!formRefused(first)) {
						if (first.statusCode < 300) clients.learned.set(REMOVE_FORM, 'filter-path');
						return first;
					}
					const second = await send(removeOperations('value-array', ids));
					if (second.statusCode < 300) clients.learned.set(REMOVE_FORM, 'value-array');
					return second;
				})();
				clients.learned.set(REMOVE_PROBE, probe);
				response = await probe;
			}
		}
		if (response.statusCode >= 300) {
			const where = parts.length > 1 ? ` (chunk ${n + 1} of ${parts.length}, members ${n * 100 + 1}–${n * 100 + part.length}${n > 0 ? `; the ${n * 100} members before were ${action === 'add' ? 'added' : 'removed'}` : ''})` : '';
			const named = part.slice(0, 20).map((m) => m.given).join(', ') + (part.length > 20 ? ` and ${part.length - 20} more` : '');
			const detail = detailOf(response.body);
			throw new NodeApiError(this.getNode(), { statusCode: response.statusCode, body: response.body } as JsonObject, {
				message: `Atlassian refused to ${action} members of ${group.label}${where}: ${detail ?? `HTTP ${response.statusCode}`}`,
				description:
					response.statusCode === 404 || /not exist|not found/i.test(detail ?? '')
						? `A member may not exist (or the group was deleted). Members sent: ${named}.`
						: `Members sent: ${named}.`,
				httpCode: String(response.statusCode),
				itemIndex: i,
			});
		}
		last = response.body;
	}
	if (!last.id) last = (await client.request({ method: 'GET', path: groupPath(group.id), itemIndex: i, subject: group.label })).body;
	return last;
}
