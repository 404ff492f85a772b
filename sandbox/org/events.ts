/**
 * The organization audit log: `GET /admin/v1/orgs/{orgId}/events-stream` (the polling API) and
 * `GET /admin/v1/orgs/{orgId}/event-actions`, fed by the sandbox's own changes (SCIM writes and admin clean-ups).
 *
 * What follows Atlassian's documentation (https://developer.atlassian.com/cloud/admin/organization/rest/api-group-events/):
 * the events are sorted by processing time (`processedAt`), so an event processed late comes after the ones
 * processed before it, whatever its `time`; a cursor keeps the sort order and is returned on the last page too;
 * only `cursor`, `from`, `to` (epoch ms), `limit` (default 200) and `sortOrder` (default asc) are read; the
 * events endpoints allow 10 requests per minute per path. `event-actions` ids are upper-case, event `action`s
 * lower-case, as in public client mocks.
 * The sandbox's own choices (not documented by Atlassian): the action names below; `from`/`to` filter on the
 * event's `time`; the largest `limit` is 1000; without Atlassian Guard (`guard: false`) the events-stream answers
 * 403, or (`guard: 'empty'`) empty pages, since which of the two Atlassian does is unconfirmed.
 */
import { createHash } from 'node:crypto';

import type { Answer } from '../answer';
import { adminError } from '../scim/errors';
import type { DirectoryStore } from '../store';
import { EXTERNAL, primaryEmail } from '../store';

/** The sandbox's audit-log actions and their display names (what event-actions lists). */
export const EVENT_ACTIONS: Record<string, { displayName: string; groupDisplayName: string }> = {
	USER_PROVISIONED: { displayName: 'User created by user provisioning', groupDisplayName: 'User provisioning' },
	USER_PROVISIONING_UPDATED: { displayName: 'User updated by user provisioning', groupDisplayName: 'User provisioning' },
	USER_DEACTIVATED: { displayName: 'User deactivated', groupDisplayName: 'User management' },
	USER_REACTIVATED: { displayName: 'User reactivated', groupDisplayName: 'User management' },
	USER_DEPROVISIONED: { displayName: 'User removed by user provisioning', groupDisplayName: 'User provisioning' },
	GROUP_CREATED: { displayName: 'Group created', groupDisplayName: 'Groups' },
	GROUP_DELETED: { displayName: 'Group deleted', groupDisplayName: 'Groups' },
	GROUP_MEMBERSHIP_UPDATED: { displayName: 'Group membership updated', groupDisplayName: 'Groups' },
	API_TOKEN_CREATED: { displayName: 'Created admin API key', groupDisplayName: 'Organization' },
};

export interface AuditEvent {
	/** Processing order: the stream's sort key. */
	seq: number;
	id: string;
	time: string;
	processedAt: string;
	action: string;
	actor: { id: string; name: string; email?: string };
	context: Array<{ id: string; type: string; attributes: Record<string, unknown> }>;
	message: string;
}

export interface AuditLogOptions {
	/** true (default): the org has Atlassian Guard; false: events-stream answers 403; 'empty': it answers empty pages. */
	guard?: boolean | 'empty';
	/** Requests per minute per events path, default 10 (Atlassian's documented limit). */
	requestsPerMinute?: number;
}

const MAX_LIMIT = 1000;
/** Older events are dropped past this many, so a long-running sandbox (npm start, benchmarks) stays small. */
const MAX_EVENTS = 50_000;
const DEFAULT_LIMIT = 200;

interface Cursor {
	/** asc: events after this seq; desc: events before it. */
	at: number;
	order: 'asc' | 'desc';
	from?: number;
	to?: number;
	limit: number;
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decode(text: string): Cursor {
	try {
		const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
		if (typeof cursor.at === 'number' && (cursor.order === 'asc' || cursor.order === 'desc') && typeof cursor.limit === 'number') return cursor;
	} catch {
		// Falls through to the documented error.
	}
	throw adminError(400, 'ADMIN-400-1', 'Bad Request', 'Invalid page cursor');
}

function epochMs(name: string, value: string | null): number | undefined {
	if (value === null || value === '') return undefined;
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) throw adminError(400, 'ADMIN-400-3', 'Bad Request', `${name} must be a UNIX epoch in milliseconds`);
	return n;
}

export class AuditLog {
	readonly events: AuditEvent[] = [];

	guard: boolean | 'empty';

	requestsPerMinute: number;

	/** path → request times (ms) in the last minute */
	private readonly calls = new Map<string, number[]>();

	private seq = 0;

	constructor(options: AuditLogOptions = {}) {
		this.guard = options.guard ?? true;
		this.requestsPerMinute = options.requestsPerMinute ?? 10;
	}

	/** Records one event; `time` earlier than now makes an event "processed late". */
	record(action: string, context: AuditEvent['context'] = [], options: { time?: Date; actor?: AuditEvent['actor']; message?: string } = {}): AuditEvent {
		const now = new Date();
		const seq = ++this.seq;
		const event: AuditEvent = {
			seq,
			id: createHash('sha256').update(`event:${seq}:${now.getTime()}`).digest('hex').slice(0, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
			time: (options.time ?? now).toISOString(),
			processedAt: now.toISOString(),
			action: action.toLowerCase(),
			actor: options.actor ?? { id: 'user-provisioning', name: 'User provisioning' },
			context,
			message: options.message ?? EVENT_ACTIONS[action.toUpperCase()]?.displayName ?? action,
		};
		this.events.push(event);
		if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
		return event;
	}

	clear(): void {
		this.events.length = 0;
		this.calls.clear();
	}

	/**
	 * Called before a SCIM write; the returned function, after it, records what the write did (2xx only).
	 * Reading the user before the write is what tells a deactivation from another update.
	 */
	observe(dir: DirectoryStore, method: string, rest: string[]): (answer: Answer) => void {
		const [kind, id] = rest;
		const wasActive = kind === 'Users' && id ? dir.users.get(id)?.active : undefined;
		const before = kind === 'Users' && id ? dir.users.get(id) : undefined;
		const beforeSnapshot = before ? { ...before } : undefined;
		const groupName = kind === 'Groups' && id ? dir.groups.get(id)?.displayName : undefined;
		return (answer) => {
			if (method === 'GET' || answer.status < 200 || answer.status >= 300) return;
			const body = (answer.body ?? {}) as Record<string, any>;
			const actor = { id: `scim-${dir.id}`, name: `User provisioning (directory ${dir.id})` };
			if (kind === 'Users') {
				const user = method === 'DELETE' ? beforeSnapshot : body;
				if (!user) return;
				const context = [userContext(user)];
				if (method === 'POST') this.record('USER_PROVISIONED', context, { actor });
				else if (method === 'DELETE') this.record('USER_DEPROVISIONED', context, { actor });
				else if (wasActive !== false && body.active === false) this.record('USER_DEACTIVATED', context, { actor });
				else if (wasActive === false && body.active === true) this.record('USER_REACTIVATED', context, { actor });
				else this.record('USER_PROVISIONING_UPDATED', context, { actor });
			} else if (kind === 'Groups') {
				const name = String(body.displayName ?? groupName ?? id);
				const context = [{ id: String(body.id ?? id), type: 'groups', attributes: { name } }];
				if (method === 'POST') this.record('GROUP_CREATED', context, { actor });
				else if (method === 'DELETE') this.record('GROUP_DELETED', context, { actor });
				else this.record('GROUP_MEMBERSHIP_UPDATED', context, { actor });
			}
		};
	}

	/** `segments` after /admin/v1/orgs/{orgId}: ['events-stream'] or ['event-actions']; undefined when not ours. */
	handle(orgId: string, url: string, method: string, segments: string[], query: URLSearchParams): Answer | undefined {
		if (method !== 'GET' || segments.length !== 1 || !['events-stream', 'event-actions'].includes(segments[0])) return undefined;
		const path = segments[0];
		const limited = this.rateLimit(path);
		if (limited) return limited;
		if (path === 'event-actions') {
			return json(200, {
				data: Object.entries(EVENT_ACTIONS).map(([id, attributes]) => ({ id, type: 'eventActions', attributes })),
			});
		}
		if (this.guard === false) {
			throw adminError(403, 'ADMIN-403-1', 'Forbidden', 'Audit log events are not available for this organization');
		}
		return json(200, this.page(orgId, url, query));
	}

	private rateLimit(path: string): Answer | undefined {
		const now = Date.now();
		const recent = (this.calls.get(path) ?? []).filter((t) => t > now - 60_000);
		this.calls.set(path, recent);
		if (recent.length >= this.requestsPerMinute) {
			const retryAt = recent[0] + 60_000;
			const error = adminError(429, 'ADMIN-429-1', 'Too Many Requests', 'Rate limit exceeded');
			return {
				status: 429,
				body: error.body,
				contentType: 'application/json',
				headers: {
					'Retry-After': String(Math.max(1, Math.ceil((retryAt - now) / 1000))),
					'X-RateLimit-Limit': String(this.requestsPerMinute),
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset': new Date(retryAt).toISOString(),
				},
			};
		}
		recent.push(now);
		return undefined;
	}

	private page(orgId: string, url: string, query: URLSearchParams) {
		let cursor: Cursor;
		const given = query.get('cursor');
		if (given) cursor = decode(given);
		else {
			const order = query.get('sortOrder') ?? 'asc';
			if (order !== 'asc' && order !== 'desc') throw adminError(400, 'ADMIN-400-24', 'Bad Request', 'sortOrder must be asc or desc');
			const limit = query.get('limit') === null ? DEFAULT_LIMIT : Number(query.get('limit'));
			if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw adminError(400, 'ADMIN-400-24', 'Bad Request', `limit must be 1 to ${MAX_LIMIT}`);
			cursor = { at: order === 'asc' ? 0 : Number.MAX_SAFE_INTEGER, order, from: epochMs('from', query.get('from')), to: epochMs('to', query.get('to')), limit };
		}
		const inWindow = (e: AuditEvent) => {
			const t = Date.parse(e.time);
			return (cursor.from === undefined || t >= cursor.from) && (cursor.to === undefined || t <= cursor.to);
		};
		const visible = this.guard === 'empty' ? [] : this.events;
		const picked: AuditEvent[] = [];
		if (cursor.order === 'asc') {
			for (const e of visible) if (e.seq > cursor.at && inWindow(e) && picked.length < cursor.limit) picked.push(e);
		} else {
			for (let i = visible.length - 1; i >= 0 && picked.length < cursor.limit; i--) if (visible[i].seq < cursor.at && inWindow(visible[i])) picked.push(visible[i]);
		}
		const last = picked[picked.length - 1];
		const next = encode({ ...cursor, at: last ? last.seq : cursor.at });
		const base = `${url}/admin/v1/orgs/${orgId}/events-stream`;
		return {
			data: picked.map((e) => render(e, orgId, base)),
			meta: { next, page_size: cursor.limit },
			links: { self: `${base}${given ? `?cursor=${given}` : ''}`, next: `${base}?cursor=${next}` },
		};
	}
}

const json = (status: number, body: unknown): Answer => ({ status, body, contentType: 'application/json' });

function userContext(user: Record<string, any>) {
	return {
		id: String(user[EXTERNAL]?.atlassianAccountId ?? user.id),
		type: 'users',
		attributes: { scimUserId: user.id, userName: user.userName, name: user.displayName, email: primaryEmail(user as never) },
	};
}

function render(e: AuditEvent, orgId: string, base: string) {
	return {
		id: e.id,
		type: 'events',
		attributes: {
			time: e.time,
			processedAt: e.processedAt,
			action: e.action,
			actor: { ...e.actor, links: {} },
			context: e.context.map((c) => ({ ...c, links: {} })),
			container: [{ id: orgId, type: 'orgs', attributes: { name: 'Sandbox Org' }, links: {} }],
			location: { ip: '127.0.0.1', countryName: 'Sandbox', regionName: 'Loopback', city: 'Localhost' },
		},
		links: { self: `${base.replace(/events-stream$/, 'events')}/${e.id}` },
		message: { content: e.message, format: 'simple' },
	};
}

