import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { AtlassianClient } from '../transport/client';
import { orgPath } from '../transport/paths';
import type { PollLock } from './pollLock';

/**
 * The audit-log source: Atlassian's polling endpoint `GET /admin/v1/orgs/{orgId}/events-stream`
 * (docs/atlassian-api.md §8, [ORG-events]). Its events are sorted by
 * processing time and its cursor comes back on the last page too, so keeping the cursor misses nothing, also
 * events processed late. Atlassian allows 10 requests a minute on the events paths; the state remembers when
 * requests were made, so a poll stops at the limit and the next one carries on from the cursor.
 */
export interface AuditLogState {
	v: 1;
	cursor?: string;
	/** Still walking to the end of the stream after activation: events seen then are the baseline, not emitted. */
	catchingUp: boolean;
	/** IDs of the latest events seen: a cursor that serves an event twice does not emit it twice. */
	seen: string[];
	/** Times (epoch ms) of this node's events-stream requests in the last minute. */
	calls: number[];
}

export const REQUESTS_PER_MINUTE = 10;
const PAGE_LIMIT = 200;
const SEEN_KEPT = 500;
/** The baseline starts this far back: enough for events processed a little late, short enough to walk quickly. */
const BASELINE_WINDOW_MS = 60 * 60_000;
/**
 * A poll starts no new page after this long (or after n8n's poll budget, when that is shorter) and leaves the rest
 * to the next poll, which carries on from the saved cursor: below n8n's shortest poll interval (a minute), so when
 * answers are slow the events read so far come out now and the lock is free again by the next tick. The cursor
 * makes stopping early cost nothing (unlike the directory source, which needs a whole listing).
 */
export const POLL_BUDGET_MS = 40_000;
/** Atlassian keeps audit-log events for 180 days. */
const RETENTION_MS = 180 * 24 * 60 * 60_000;

/** `meta.next` is a bare cursor; `links.next` a URL carrying `?cursor=`. Either may come. */
export function cursorOf(body: IDataObject): string | undefined {
	const meta = (body.meta as IDataObject | undefined)?.next;
	const link = (body.links as IDataObject | undefined)?.next;
	for (const candidate of [meta, link]) {
		if (typeof candidate !== 'string' || !candidate) continue;
		if (!/^https?:\/\//i.test(candidate)) return candidate;
		try {
			const cursor = new URL(candidate).searchParams.get('cursor');
			if (cursor) return cursor;
		} catch {
			// Not a URL after all: try the next candidate.
		}
	}
	return undefined;
}

/** One output item per event: what happened, to whom, by whom, when. */
function eventOut(event: IDataObject, seenAt: string): IDataObject {
	const attributes = (event.attributes as IDataObject | undefined) ?? {};
	const context = Array.isArray(attributes.context) ? (attributes.context as IDataObject[]) : [];
	const target = context.find((c) => c.type === 'users') ?? context[0];
	const targetAttributes = (target?.attributes as IDataObject | undefined) ?? {};
	const actor = (attributes.actor as IDataObject | undefined) ?? {};
	return {
		event: attributes.action ?? null,
		description: ((event.message as IDataObject | undefined)?.content as string | undefined) ?? null,
		source: 'auditLog',
		id: event.id,
		time: attributes.time ?? null,
		processedAt: attributes.processedAt ?? null,
		seenAt,
		actor: { id: actor.id ?? null, name: actor.name ?? null, email: actor.email ?? null },
		target: target
			? {
					id: target.id ?? null,
					type: target.type ?? null,
					name: targetAttributes.name ?? null,
					email: targetAttributes.email ?? null,
					userName: targetAttributes.userName ?? null,
				}
			: null,
		details: attributes,
	};
}

function wantedActions(this: IPollFunctions): Set<string> {
	const actions = this.getNodeParameter('actions', []) as string[];
	// event-actions lists upper-case IDs, events carry lower-case actions: compare without case.
	return new Set(actions.map((a) => a.toLowerCase()));
}

async function fetchPage(this: IPollFunctions, client: AtlassianClient, query: Record<string, string | undefined>): Promise<IDataObject> {
	const path = orgPath(client, '/events-stream');
	const response = await client.request({ method: 'GET', path, query, itemIndex: 0, subject: 'the organization audit log', expect: [403] });
	if (response.statusCode === 403) await guardError.call(this, client, response.body);
	return response.body;
}

/**
 * Without Atlassian Guard (or an Enterprise plan) the audit log is not available. When the key works for the
 * organization itself, a 403 on the events says just that; otherwise the client's own 403/401 message (wrong key,
 * wrong Organization ID) is the right one.
 */
async function guardError(this: IPollFunctions, client: AtlassianClient, body: IDataObject): Promise<never> {
	await client.request({ method: 'GET', path: orgPath(client), itemIndex: 0, subject: 'the organization' });
	const message = 'The organization audit log needs Atlassian Guard: Atlassian refused the events (403)';
	const error = new NodeApiError(this.getNode(), { statusCode: 403, body } as unknown as JsonObject, {
		message,
		description:
			'The organization API key works for this organization, but Atlassian does not give it the audit log. Audit-log events are kept only for organizations with Atlassian Guard Standard or Premium (or an Enterprise plan). If the organization has Guard, the key may have been created with scopes that leave out read:events:admin: create a key without scopes. The Atlassian Directory Trigger works without Guard.',
		httpCode: '403',
	});
	error.message = message;
	throw error;
}

/** "Fetch Test Event": the latest matching event of the last 180 days, in one request; nothing is saved. */
async function latest(this: IPollFunctions, client: AtlassianClient, seenAt: string): Promise<INodeExecutionData[][]> {
	const wanted = wantedActions.call(this);
	const body = await fetchPage.call(this, client, { sortOrder: 'desc', limit: String(PAGE_LIMIT), from: String(Date.now() - RETENTION_MS) });
	const events = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
	const match = events.find((e) => !wanted.size || wanted.has(String((e.attributes as IDataObject | undefined)?.action ?? '').toLowerCase()));
	if (!match) {
		throw new NodeOperationError(
			this.getNode(),
			events.length ? `None of the latest ${events.length} audit-log events has one of the chosen actions` : 'The organization audit log has no events in the last 180 days',
			{
				description: events.length
					? 'Pick more actions, or make a change in Atlassian Administration that records one of them, then fetch again.'
					: 'Atlassian keeps audit-log events only for organizations with Atlassian Guard Standard or Premium (or an Enterprise plan); without it the log stays empty. With Guard, make a change in Atlassian Administration and fetch again.',
			},
		);
	}
	return [this.helpers.returnJsonArray([eventOut(match, seenAt)])];
}

/**
 * One poll of the audit log. Saves the cursor only when the poll succeeded; the first poll(s) form the baseline.
 * Scheduled polls run under the trigger's lock (pollLock.ts); one that lost it (held past the lease) saves and emits
 * nothing.
 */
export async function pollAuditLog(this: IPollFunctions, lock?: PollLock): Promise<INodeExecutionData[][] | null> {
	const client = await AtlassianClient.create(this, 'admin');
	const seenAt = new Date().toISOString();
	if (this.getMode() === 'manual') return await latest.call(this, client, seenAt);

	const staticData = this.getWorkflowStaticData('node');
	const saved = staticData.auditLog as AuditLogState | undefined;
	const state: AuditLogState = saved?.v === 1 ? { ...saved, seen: [...saved.seen], calls: [...saved.calls] } : { v: 1, catchingUp: true, seen: [], calls: [] };
	const wanted = wantedActions.call(this);
	const seen = new Set(state.seen);
	const out: IDataObject[] = [];
	const started = Date.now();
	// getPollBudgetMs is n8n 2.41's; older n8n versions do not have it.
	const engineBudget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : Infinity;
	const budget = Math.min(POLL_BUDGET_MS, engineBudget > 0 ? engineBudget : Infinity);
	for (let page = 0; ; page++) {
		const now = Date.now();
		if (page > 0 && now - started >= budget) break;
		state.calls = state.calls.filter((t) => t > now - 60_000 && t <= now);
		if (state.calls.length >= REQUESTS_PER_MINUTE) break;
		state.calls.push(now);
		const query = state.cursor ? { cursor: state.cursor } : { from: String(now - BASELINE_WINDOW_MS), limit: String(PAGE_LIMIT) };
		const body = await fetchPage.call(this, client, query);
		const events = Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
		for (const event of events) {
			const id = String(event.id);
			if (seen.has(id)) continue;
			seen.add(id);
			state.seen.push(id);
			const action = String((event.attributes as IDataObject | undefined)?.action ?? '').toLowerCase();
			if (!state.catchingUp && (!wanted.size || wanted.has(action))) out.push(eventOut(event, seenAt));
		}
		state.cursor = cursorOf(body) ?? state.cursor;
		const pageSize = Number((body.meta as IDataObject | undefined)?.page_size) || PAGE_LIMIT;
		if (events.length < pageSize) {
			state.catchingUp = false;
			break;
		}
	}
	state.seen = state.seen.slice(-SEEN_KEPT);
	if (lock && !lock.holds()) return null;
	staticData.auditLog = state as unknown as IDataObject;
	return out.length ? [this.helpers.returnJsonArray(out)] : null;
}
