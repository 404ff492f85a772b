import type { IDataObject, INode } from 'n8n-workflow';

import { apiError } from './errors';
import type { ApiResponse } from './types';

/**
 * Creates and deletes whose first answer was lost. The client re-sends a request when an attempt may have reached
 * Atlassian without its answer coming back (timeout, dropped connection, 5xx; `ApiResponse.resent`). A 404 to a
 * re-sent DELETE, or a 409 to a re-sent create, may then be the first attempt's own work: these helpers tell that
 * apart from a real "not found" or "already exists", the same way for users and groups.
 */

/** Clocks of n8n and Atlassian may differ: a record created this long before the item started still counts as ours. */
const CLOCK_TOLERANCE_MS = 60_000;

/**
 * A DELETE answered 404. Sent once, the record did not exist: the 404 is the error. Re-sent, the first attempt may have
 * deleted it: the record is gone, and the note says it is not confirmed deleted by this run.
 */
export function goneAfterLostAnswer(node: INode, response: ApiResponse, what: 'user' | 'group', itemIndex: number, subject: string): string {
	if (!response.resent) throw apiError(node, { statusCode: 404, body: response.body }, { api: 'scim', itemIndex, subject, attempts: 1 });
	return `The ${what} is gone, but not confirmed deleted by this run: an earlier attempt got no clear answer, so it either deleted the ${what} or there was none with this ID.`;
}

/**
 * A create answered 409. Re-sent, the conflict may be this run's own first attempt: the record found by its unique
 * name counts as created by this run when Atlassian created it after the item started. Undefined otherwise (a real
 * conflict, for the caller to report).
 */
export async function createdAfterLostAnswer(
	response: ApiResponse,
	startedAt: number,
	find: () => Promise<IDataObject | undefined>,
): Promise<IDataObject | undefined> {
	if (!response.resent) return undefined;
	const found = await find();
	const created = Date.parse(String((found?.meta as IDataObject | undefined)?.created ?? ''));
	return found && created >= startedAt - CLOCK_TOLERANCE_MS ? found : undefined;
}

/** The note on a record that createdAfterLostAnswer found. */
export function createdNote(what: 'user' | 'group'): string {
	return `Created by this run: the answer to the first attempt was lost, and the retry found the new ${what}.`;
}
