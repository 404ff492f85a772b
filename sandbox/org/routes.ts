import type { IncomingHttpHeaders } from 'node:http';

import type { Answer } from '../answer';
import { authorizeOrg, identify, type Keys } from '../auth';
import { adminError, HttpError, traceId } from '../scim/errors';
import type { Account } from '../store';
import { GRACE_MS, type OrgAccount, type OrgState } from './state';

/**
 * A key created with scopes: it exists (the gateway knows it) but the user APIs refuse it with the gateway's second
 * error shape, naming a scope the key-creation flow does not offer (what admins report for scoped keys).
 */
export const SCOPED_ORG_KEY = 'sandbox-scoped-org-key-0001';

export interface OrgContext {
	state: OrgState;
	orgId: string;
	url: string;
	keys: Keys;
}

interface Request {
	method: string;
	segments: string[];
	query: URLSearchParams;
	text: string;
	headers: IncomingHttpHeaders;
}

const json = (status: number, body?: unknown): Answer => ({ status, body, contentType: 'application/json' });
const MAX_LIMIT = 100;
const LAST_ACTIVE_PAGE = 2;

/** The gateway's own 403 shape: `{timestamp, path, status, error, message, requestId}`. */
function gateway403(path: string, message: string): HttpError {
	return new HttpError(403, { timestamp: new Date().toISOString(), path, status: 403, error: 'Forbidden', message, requestId: traceId() }, 'application/json');
}

/** User Management errors: `{key, context}`. */
function umError(status: number, key: string, context?: unknown): HttpError {
	return new HttpError(status, { key, ...(context === undefined ? {} : { context }) }, 'application/json');
}

/** Whether the path belongs to the Organizations v2 user API, the v1 last-active dates or the User Management API. */
export function isOrgRoute(segments: string[]): boolean {
	if (segments[0] === 'users' && segments[2] === 'manage') return true;
	if (segments[0] !== 'admin') return false;
	if (segments[1] === 'v2' && segments[2] === 'orgs' && segments.length > 3) return true;
	return segments[1] === 'v1' && segments[2] === 'orgs' && segments[4] === 'directory' && segments[7] === 'last-active-dates';
}

/** Requests with a JSON body must say so; a bodyless POST has no Content-Type and is answered 415 (ADMIN-UAM-415-1). */
function requireJson(req: Request): unknown {
	const type = String(req.headers['content-type'] ?? '');
	if (!req.text.trim() || !/^application\/json\b/i.test(type)) {
		throw adminError(415, 'ADMIN-UAM-415-1', 'Unsupported Media Type', 'Content-Type must be application/json');
	}
	try {
		return JSON.parse(req.text);
	} catch {
		throw adminError(400, 'ADMIN-400-24', 'Invalid request body', 'The request body is not valid JSON');
	}
}

export function handleOrg(ctx: OrgContext, req: Request): Answer {
	const path = `/${req.segments.join('/')}`;
	if (req.headers.authorization && /^Bearer +sandbox-scoped-org-key-0001\s*$/i.test(req.headers.authorization)) {
		throw gateway403(path, 'User has no permission to access resource. The API key requires scope manage:org');
	}
	const caller = identify(req.headers.authorization, ctx.keys);
	if (caller.kind !== 'org') throw gateway403(path, 'User has no permission to access resource.');
	if (req.segments[0] === 'users') return userManagement(ctx, req);
	authorizeOrg(ctx.orgId, req.segments[3]);
	if (req.segments[1] === 'v1') return lastActive(ctx, req, req.segments[6]);
	return v2(ctx, req);
}

function directoryName(ctx: OrgContext, id: string): string {
	return `Directory ${ctx.state.directoryIds().indexOf(id) + 1}`;
}

function requireDirectory(ctx: OrgContext, id: string, allowAll: boolean): void {
	if (id === '-' && allowAll) return;
	if (id === '-') throw adminError(400, 'ADMIN-400-24', 'Invalid request', 'A directory ID is required for this operation');
	if (!ctx.state.directoryIds().includes(id)) throw adminError(404, 'ADMIN-404-11', 'Directory not found', `Directory ${id} not found`);
}

/** /admin/v2/orgs/{orgId}/directories[/{directoryId}/users/…] */
function v2(ctx: OrgContext, req: Request): Answer {
	const [, , , , area, directoryId, users, accountId, action, ...extra] = req.segments;
	const { method } = req;
	if (area !== 'directories') throw adminError(404, 'ADMIN-404-1', 'Not Found', `No route ${method} /${req.segments.join('/')}`);
	if (directoryId === undefined && method === 'GET') {
		const of = req.query.get('accountId');
		const org = of ? ctx.state.get(of) : undefined;
		const ids = ctx.state.directoryIds().filter((id) => !of || org?.memberships.has(id));
		return json(200, { data: ids.map((id) => ({ directoryId: id, name: directoryName(ctx, id), icon: null })), links: { self: null, prev: null, next: null } });
	}
	if (users !== 'users' || extra.length) throw adminError(404, 'ADMIN-404-1', 'Not Found', `No route ${method} /${req.segments.join('/')}`);
	if (accountId === 'search' && action === undefined && method === 'POST') {
		requireDirectory(ctx, directoryId, true);
		return search(ctx, directoryId, requireJson(req));
	}
	if (!accountId) throw adminError(404, 'ADMIN-404-1', 'Not Found', `No route ${method} /${req.segments.join('/')}`);
	if (action === undefined && method === 'GET') {
		requireDirectory(ctx, directoryId, true);
		const { account, org } = findMember(ctx, accountId, directoryId);
		return json(200, { data: userView(ctx, account, org, directoryId, []) });
	}
	if (action === undefined && method === 'DELETE') {
		requireDirectory(ctx, directoryId, false);
		const { org } = findMember(ctx, accountId, directoryId);
		org.memberships.delete(directoryId);
		return json(204);
	}
	if ((action === 'suspend' || action === 'restore') && method === 'POST') {
		requireJson(req);
		requireDirectory(ctx, directoryId, false);
		const { org } = findMember(ctx, accountId, directoryId);
		org.memberships.set(directoryId, action === 'suspend' ? 'suspended' : 'active');
		return json(204);
	}
	throw adminError(404, 'ADMIN-404-1', 'Not Found', `No route ${method} /${req.segments.join('/')}`);
}

function findMember(ctx: OrgContext, accountId: string, directoryId: string): { account: Account; org: OrgAccount } {
	const account = ctx.state.account(accountId);
	const org = account && ctx.state.get(accountId);
	const inDirectory = org && (directoryId === '-' ? org.memberships.size > 0 || account.managed : org.memberships.has(directoryId));
	if (!account || !org || !inDirectory || ctx.state.closed(org)) {
		throw adminError(404, 'ADMIN-404-8', 'User not found', `User ${accountId} not found in directory ${directoryId}`);
	}
	return { account, org };
}

function userView(ctx: OrgContext, account: Account, org: OrgAccount, directoryId: string, expand: string[]) {
	const membership = ctx.state.membership(org, directoryId);
	return {
		accountId: account.accountId,
		accountType: 'atlassian',
		status: ctx.state.status(account, org, directoryId),
		accountStatus: ctx.state.closed(org) ? 'closed' : account.active ? 'active' : 'inactive',
		membershipStatus: membership,
		addedToOrg: org.addedToOrg,
		deactivatedOn: org.deactivatedOn,
		forDeletion: org.deletionRequestedAt !== null,
		name: org.name,
		nickname: org.nickname,
		email: account.email,
		emailVerified: true,
		claimStatus: account.managed ? 'managed' : 'unmanaged',
		managementSource: org.managementSource,
		mfaEnabled: org.mfaEnabled,
		jobTitle: org.jobTitle,
		department: org.department,
		organization: org.organization,
		location: org.location,
		timeZone: org.zoneinfo,
		platformRoles: org.platformRoles,
		picture: `https://avatar.example.com/${account.accountId}.png`,
		avatar: `https://avatar.example.com/${account.accountId}.png`,
		counts: { resources: org.products.length },
		...(expand.includes('productAccess')
			? { productAccess: org.products.map((p) => ({ key: p.key, id: p.id, lastActiveTimestamp: p.lastActive })) }
			: {}),
		...(expand.includes('groups') ? { groups: org.groups } : {}),
		links: { self: account.accountId },
	};
}

interface SearchFilters {
	accountIds?: string[];
	emails?: string[];
	searchTerm?: string;
	status?: string[];
	claimStatus?: string;
	emailDomains?: string[];
	groupIds?: string[];
	roleIds?: string[];
	expand?: string[];
	limit?: number;
}

const stringList = (value: unknown, field: string): string[] | undefined => {
	if (value === undefined) return undefined;
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
		throw adminError(400, 'ADMIN-400-24', 'Invalid request body', `${field} must be an array of strings`);
	}
	return value as string[];
};

/**
 * POST …/users/search. `emails` with `searchTerm` is 400. A `cursor` is opaque (it carries the offset and the
 * filters of the first request): when it is present the other fields are discarded, as Atlassian documents for
 * the GET list. Suspended accounts are found; managed accounts removed from every directory still are (not_invited).
 */
function search(ctx: OrgContext, directoryId: string, input: unknown): Answer {
	const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
	let filters: SearchFilters;
	let offset = 0;
	if (typeof body.cursor === 'string' && body.cursor) {
		try {
			const decoded = JSON.parse(Buffer.from(body.cursor, 'base64url').toString('utf8')) as { o: number; f: SearchFilters; d: string };
			if (!Number.isInteger(decoded.o) || decoded.d !== directoryId) throw new Error('bad');
			({ o: offset, f: filters } = decoded);
		} catch {
			throw adminError(400, 'ADMIN-400-1', 'Invalid page cursor', 'The cursor is invalid or expired');
		}
	} else {
		filters = {
			accountIds: stringList(body.accountIds, 'accountIds'),
			emails: stringList(body.emails, 'emails'),
			status: stringList(body.status, 'status'),
			emailDomains: stringList(body.emailDomains, 'emailDomains'),
			groupIds: stringList(body.groupIds, 'groupIds'),
			roleIds: stringList(body.roleIds, 'roleIds'),
			expand: stringList(body.expand, 'expand'),
			searchTerm: typeof body.searchTerm === 'string' ? body.searchTerm : undefined,
			claimStatus: typeof body.claimStatus === 'string' ? body.claimStatus : undefined,
			limit: body.limit === undefined ? 50 : Number(body.limit),
		};
		if (filters.emails && filters.searchTerm !== undefined) {
			throw adminError(400, 'ADMIN-400-24', 'Invalid request body', 'searchTerm and emails cannot be used together');
		}
		if (!Number.isInteger(filters.limit) || filters.limit! < 1 || filters.limit! > MAX_LIMIT) {
			throw adminError(400, 'ADMIN-400-24', 'Invalid request body', `limit must be between 1 and ${MAX_LIMIT}`);
		}
		if (filters.claimStatus !== undefined && !['managed', 'unmanaged'].includes(filters.claimStatus)) {
			throw adminError(400, 'ADMIN-400-24', 'Invalid request body', 'claimStatus must be managed or unmanaged');
		}
	}
	const emails = filters.emails && new Set(filters.emails.map((e) => e.toLowerCase()));
	const term = filters.searchTerm?.toLowerCase();
	const domains = filters.emailDomains && new Set(filters.emailDomains.map((d) => d.toLowerCase()));
	const matches: Array<{ account: Account; org: OrgAccount }> = [];
	const limit = filters.limit ?? 50;
	// The cursor holds the position in the org's account order where the next page starts: O(page) per page.
	const order = [...ctx.state.store.accounts.values()];
	let position = offset;
	for (; position < order.length && matches.length < limit; position++) {
		const account = order[position];
		const org = ctx.state.get(account.accountId)!;
		const visible = (directoryId === '-' ? org.memberships.size > 0 || account.managed : org.memberships.has(directoryId)) && !ctx.state.closed(org);
		if (!visible) continue;
		if (filters.accountIds && !filters.accountIds.includes(account.accountId)) continue;
		if (emails && !emails.has(account.email)) continue;
		if (term && !org.nickname.toLowerCase().includes(term) && !org.name.toLowerCase().includes(term) && !account.email.includes(term)) continue;
		if (filters.status && !filters.status.includes(ctx.state.status(account, org, directoryId))) continue;
		if (filters.claimStatus && (filters.claimStatus === 'managed') !== account.managed) continue;
		if (domains && !domains.has(account.email.split('@').pop()!)) continue;
		if (filters.groupIds && !org.groups.some((g) => filters.groupIds!.includes(g.id))) continue;
		if (filters.roleIds && !org.platformRoles.some((r) => filters.roleIds!.includes(r))) continue;
		matches.push({ account, org });
	}
	const more = matches.length === limit && position < order.length;
	const next = more ? Buffer.from(JSON.stringify({ o: position, f: filters, d: directoryId })).toString('base64url') : null;
	return json(200, {
		data: matches.map(({ account, org }) => userView(ctx, account, org, directoryId, filters.expand ?? [])),
		links: { self: null, prev: null, next },
	});
}

/**
 * v1 GET …/directory/users/{accountId}/last-active-dates: one page of the account's products; `links.next` is a
 * full URL carrying `?cursor=` (the v1 style). Never-active accounts have an empty `product_access`.
 */
function lastActive(ctx: OrgContext, req: Request, accountId: string): Answer {
	if (req.method !== 'GET') throw adminError(404, 'ADMIN-404-1', 'Not Found', 'No such route');
	const account = ctx.state.account(accountId);
	const org = account && ctx.state.get(accountId);
	if (!account || !org || ctx.state.closed(org)) throw adminError(404, 'ADMIN-404-8', 'User not found', `User ${accountId} not found`);
	const cursor = req.query.get('cursor');
	const start = cursor === null ? 0 : Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^p/, ''));
	if (!Number.isInteger(start) || start < 0) throw adminError(400, 'ADMIN-400-1', 'Invalid page cursor', 'The cursor is invalid');
	const page = org.products.slice(start, start + LAST_ACTIVE_PAGE);
	const more = start + LAST_ACTIVE_PAGE < org.products.length;
	const nextCursor = Buffer.from(`p${start + LAST_ACTIVE_PAGE}`).toString('base64url');
	return json(200, {
		data: {
			product_access: page.map((p) => ({ id: p.id, key: p.key, last_active: p.lastActive.slice(0, 10), last_active_timestamp: p.lastActive.replace(/\.\d+Z$/, 'Z') })),
			added_to_org: org.addedToOrg.slice(0, 10),
			added_to_org_timestamp: org.addedToOrg.replace(/\.\d+Z$/, 'Z'),
		},
		links: { next: more ? `${ctx.url}/admin/v1/orgs/${ctx.orgId}/directory/users/${accountId}/last-active-dates?cursor=${nextCursor}` : null },
	});
}

const PROFILE_FIELDS = ['name', 'nickname', 'zoneinfo', 'locale'];
const EXTENDED_FIELDS = ['job_title', 'department', 'organization', 'location'];
/** What an identity provider owns on a synced account (the nickname stays the admin's, as in Atlassian's example). */
const SYNCED_LOCKS = ['name', 'zoneinfo', 'locale', 'extended_profile.job_title', 'extended_profile.department', 'extended_profile.organization'];

function reasonFor(account: Account, org: OrgAccount): { key: string } | undefined {
	if (org.syncedBy === 'scim') return { key: 'externalDirectory.scim' };
	if (org.syncedBy === 'google') return { key: 'externalDirectory.google' };
	return account.managed ? undefined : { key: 'managedAccount' };
}

function profileView(account: Account, org: OrgAccount) {
	return {
		account_id: account.accountId,
		account_type: 'atlassian',
		account_status: account.active ? 'active' : 'inactive',
		name: org.name,
		picture: `https://avatar.example.com/${account.accountId}.png`,
		email: account.email,
		email_verified: true,
		characteristics: { not_mentionable: false },
		nickname: org.nickname,
		zoneinfo: org.zoneinfo,
		locale: org.locale,
		extended_profile: { job_title: org.jobTitle, department: org.department, organization: org.organization, location: org.location },
	};
}

/** /users/{accountId}/manage[/…]: managed accounts only; synced accounts have locked fields and lifecycle. */
function userManagement(ctx: OrgContext, req: Request): Answer {
	const [, accountId, , area, sub, ...extra] = req.segments;
	const { method } = req;
	const account = ctx.state.account(accountId);
	const org = account && ctx.state.get(accountId);
	if (!account || !org || ctx.state.closed(org)) throw umError(404, 'notFound', { message: `Account ${accountId} not found` });
	if (!account.managed) {
		if (ctx.state.isUnclaimed(account.email)) throw umError(403, 'forbidden.unclaimedDomain', { domain: account.email.split('@').pop() });
		throw new HttpError(403, { key: 'forbidden.targetUnverified', context: 'Error: Cannot perform action on unverified account', errorKey: 'forbidden.target-unverified' }, 'application/json');
	}
	const reason = reasonFor(account, org);
	const refuse = (allowed: boolean) => {
		if (allowed) return;
		// Google-synced accounts get the bare key: the client must read the permissions to learn why.
		if (org.syncedBy === 'google') throw umError(403, 'forbidden');
		throw umError(403, 'forbidden.action', { allowed: false, reason });
	};
	if (area === undefined && method === 'GET') {
		const rule = (allowed: boolean) => (allowed ? { allowed: true } : { allowed: false, reason });
		const synced = org.syncedBy !== undefined;
		const write: Record<string, unknown> = {};
		for (const field of [...PROFILE_FIELDS, ...EXTENDED_FIELDS.map((f) => `extended_profile.${f}`)]) write[field] = rule(!(synced && SYNCED_LOCKS.includes(field)));
		return json(200, {
			'profile.write': write,
			'lifecycle.enablement': rule(!synced),
			'lifecycle.delete': rule(!synced),
			'apiToken.read': { allowed: true },
			'apiToken.delete': { allowed: true },
			'email.set': rule(!synced),
		});
	}
	if (area === 'profile' && sub === undefined && method === 'GET') return json(200, { account: profileView(account, org) });
	if (area === 'profile' && sub === undefined && method === 'PATCH') {
		const input = requireJson(req) as Record<string, unknown>;
		const changes = flattenProfile(input);
		const violations = changes.flatMap(([field, value]) => {
			if (![...PROFILE_FIELDS, ...EXTENDED_FIELDS.map((f) => `extended_profile.${f}`)].includes(field)) return [{ field, violations: [{ key: 'unknownField' }] }];
			if (value !== null && typeof value !== 'string') return [{ field, violations: [{ key: 'invalidType' }] }];
			if (field === 'name' && (!value || String(value).length > 100)) return [{ field, violations: [{ key: 'invalidLength' }] }];
			return [];
		});
		if (violations.length) throw umError(400, 'badRequest.fieldViolations', { fieldViolations: violations });
		if (org.syncedBy && changes.some(([field]) => SYNCED_LOCKS.includes(field))) refuse(false);
		for (const [field, value] of changes) {
			const key = ({ name: 'name', nickname: 'nickname', zoneinfo: 'zoneinfo', locale: 'locale', 'extended_profile.job_title': 'jobTitle', 'extended_profile.department': 'department', 'extended_profile.organization': 'organization', 'extended_profile.location': 'location' } as const)[field as 'name'];
			(org as unknown as Record<string, unknown>)[key] = value;
		}
		return json(200, { account: profileView(account, org) });
	}
	if (area === 'api-tokens' && sub === undefined && method === 'GET') return json(200, org.tokens);
	if (area === 'api-tokens' && sub && !extra.length && method === 'DELETE') {
		const at = org.tokens.findIndex((t) => t.id === sub);
		if (at < 0) throw umError(404, 'notFound', { message: `Token ${sub} not found` });
		org.tokens.splice(at, 1);
		return json(204);
	}
	if (area === 'lifecycle' && sub && !extra.length && method === 'POST') {
		const input = requireJson(req) as { message?: unknown };
		const now = new Date(ctx.state.now()).toISOString();
		switch (sub) {
			case 'disable':
				refuse(!org.syncedBy);
				if (org.deletionRequestedAt) throw lifecycleError('ACCOUNT_PENDING_DELETION', 'The account is scheduled for deletion');
				if (account.active) org.deactivatedOn = now;
				account.active = false;
				org.deactivationMessage = typeof input?.message === 'string' ? input.message : null;
				return json(204);
			case 'enable':
				refuse(!org.syncedBy);
				if (org.deletionRequestedAt) throw lifecycleError('ACCOUNT_PENDING_DELETION', 'The account is scheduled for deletion: cancel the deletion first');
				account.active = true;
				org.deactivatedOn = null;
				org.deactivationMessage = null;
				return json(204);
			case 'delete':
				refuse(!org.syncedBy);
				if (!org.deletionRequestedAt) {
					org.activeBeforeDeletion = account.active;
					org.deletionRequestedAt = now;
					account.active = false;
				}
				return json(204);
			case 'cancel-delete':
				refuse(!org.syncedBy);
				if (!org.deletionRequestedAt) throw lifecycleError('ACCOUNT_NOT_PENDING_DELETION', 'The account is not scheduled for deletion');
				org.deletionRequestedAt = null;
				account.active = org.activeBeforeDeletion;
				return json(204);
			default:
		}
	}
	throw umError(404, 'notFound', { message: `No route ${method} /${req.segments.join('/')}` });
}

/** The lifecycle endpoints answer errors as `[{code, message, link}]`. */
function lifecycleError(code: string, message: string): HttpError {
	return new HttpError(400, [{ code, message, link: 'https://developer.atlassian.com/cloud/admin/user-management/rest/api-group-lifecycle/' }], 'application/json');
}

function flattenProfile(input: Record<string, unknown>): Array<[string, unknown]> {
	const out: Array<[string, unknown]> = [];
	for (const [key, value] of Object.entries(input ?? {})) {
		if (key === 'extended_profile' && value && typeof value === 'object' && !Array.isArray(value)) {
			for (const [sub, v] of Object.entries(value)) out.push([`extended_profile.${sub}`, v]);
		} else out.push([key, value]);
	}
	return out;
}

export { GRACE_MS };
