import { scimError } from './errors';
import { parseFilter } from './filter';
import { listResponse, pageRequest } from './paging';
import { checkProjection, project } from './projection';
import { buildUser, editable, normalizeUser } from './userModel';
import { applyUserOperation, operationsOf } from './userPatch';
import { EXTERNAL, newId, primaryEmail, type DirectoryStore, type SandboxStore, type UserDoc } from '../store';

type Input = Record<string, any>;

/** What a SCIM handler needs: the store, the directory of the path, the page cap and the directory's base URL. */
export interface ScimContext {
	store: SandboxStore;
	dir: DirectoryStore;
	pageCap: number;
	/** `${url}/scim/directory/${dirId}`, for meta.location and $ref */
	location: string;
}

/** The user as Atlassian answers it: with `groups` and `meta.location` derived. */
export function renderUser(ctx: ScimContext, user: UserDoc): Input {
	const groups = ctx.dir.groupsOf(user.id).map((group) => ({ type: 'direct', value: group.id, display: group.displayName, $ref: `${ctx.location}/Groups/${group.id}` }));
	const { meta, ...rest } = user;
	return { ...rest, groups, meta: { ...meta, location: `${ctx.location}/Users/${user.id}` } };
}

function find(ctx: ScimContext, id: string): UserDoc {
	const user = ctx.dir.users.get(id);
	if (!user) throw scimError(404, `Resource [USER]: with id[${id}] not found.`);
	return user;
}

/** 409 uniqueness: userName (case-insensitive) or any email held by another SCIM user of this directory. */
function assertUnique(dir: DirectoryStore, fields: Input, self?: string) {
	const taken = dir.idByUserName(fields.userName);
	if (taken && taken !== self) throw scimError(409, `Resource [USER]: with userName[${fields.userName}] already exists.`, 'uniqueness');
	for (const email of fields.emails as Array<{ value: string }>) {
		const holder = dir.idByEmail(email.value);
		if (holder && holder !== self) throw scimError(409, `Resource [USER]: with email[${email.value}] already exists.`, 'uniqueness');
	}
}

/**
 * What an update (PUT or PATCH) does to the linked Atlassian account, decided before anything is written:
 * - unmanaged account: any SCIM update unlinks the record and drops its SCIM group memberships (docs/atlassian-api.md §3);
 * - managed account, primary email changed: onto an address another account holds → 409 (docs/atlassian-api.md §3); onto an
 *   unverified domain → unlinked like above (managed → unmanaged is not supported, same section); else the account's email
 *   follows;
 * - a managed account's active state follows the SCIM `active`.
 */
function planAccountUpdate(ctx: ScimContext, old: UserDoc, fields: Input): (user: UserDoc) => void {
	const accountId: string | null = old[EXTERNAL]?.atlassianAccountId ?? null;
	const account = accountId ? ctx.store.accounts.get(accountId) : undefined;
	if (!account) return () => undefined;
	const unlink = (user: UserDoc) => {
		ctx.dir.setAccount(user, null);
		ctx.dir.leaveAllGroups(user.id);
	};
	if (!account.managed) return unlink;
	const email = primaryEmail(fields as UserDoc)!;
	if (email.toLowerCase() !== account.email) {
		const holder = ctx.store.accountByAddress(email);
		if (holder && holder !== account) throw scimError(409, `Resource [USER]: with email[${email}] already exists.`, 'uniqueness');
		if (!ctx.store.isVerified(email)) return unlink;
		return () => {
			ctx.store.changeAccountEmail(account, email);
			account.active = fields.active;
		};
	}
	return () => {
		account.active = fields.active;
	};
}

export function listUsers(ctx: ScimContext, query: URLSearchParams) {
	checkProjection(query);
	const { startIndex, count } = pageRequest(query, ctx.pageCap);
	const filterText = query.get('filter');
	let total: number;
	let page: UserDoc[];
	if (filterText !== null && filterText.trim() !== '') {
		// Both filters are single exact matches: an O(1) index lookup.
		const filter = parseFilter(filterText, ['userName', 'externalId'], 'USER');
		const ids = filter.attribute === 'userName' ? [ctx.dir.idByUserName(filter.value)].filter((id): id is string => !!id) : ctx.dir.idsByExternalId(filter.value);
		const matches = ids.map((id) => ctx.dir.users.get(id)!);
		total = matches.length;
		page = matches.slice(startIndex - 1, startIndex - 1 + count);
	} else {
		total = ctx.dir.userCount;
		page = ctx.dir.pageUsers(startIndex, count);
	}
	return listResponse(total, startIndex, page.map((u) => project(renderUser(ctx, u), query)));
}

export function getUser(ctx: ScimContext, id: string, query: URLSearchParams) {
	checkProjection(query);
	return project(renderUser(ctx, find(ctx, id)), query);
}

/** POST /Users: creates the SCIM record and links it to the account that has the primary email, or a new one. */
export function createUser(ctx: ScimContext, body: unknown, query: URLSearchParams) {
	checkProjection(query);
	const fields = normalizeUser(body as Input);
	assertUnique(ctx.dir, fields);
	const account = ctx.store.accountFor(primaryEmail(fields as UserDoc)!);
	if (account.managed) account.active = fields.active;
	const user = ctx.dir.put(buildUser(fields, { id: newId(), created: new Date().toISOString(), accountId: account.accountId }));
	return project(renderUser(ctx, user), query);
}

function update(ctx: ScimContext, old: UserDoc, fields: Input, query: URLSearchParams) {
	assertUnique(ctx.dir, fields, old.id);
	const applyToAccount = planAccountUpdate(ctx, old, fields);
	const user = ctx.dir.put(buildUser(fields, { id: old.id, created: old.meta.created, accountId: old[EXTERNAL]?.atlassianAccountId ?? null }));
	applyToAccount(user);
	return project(renderUser(ctx, user), query);
}

/** PUT /Users/{id}: replaces; attributes not sent are cleared (read-only ones and group memberships stay). */
export function replaceUser(ctx: ScimContext, id: string, body: unknown, query: URLSearchParams) {
	checkProjection(query);
	const old = find(ctx, id);
	return update(ctx, old, normalizeUser(body as Input, old), query);
}

/** PATCH /Users/{id}: all operations on a copy, then the same checks as PUT; a failing PATCH changes nothing. */
export function patchUser(ctx: ScimContext, id: string, body: unknown, query: URLSearchParams) {
	checkProjection(query);
	const old = find(ctx, id);
	const operations = operationsOf(body);
	const doc = editable(old);
	for (const { op, path, value } of operations) applyUserOperation(doc, op, path, value);
	return update(ctx, old, normalizeUser(doc, old), query);
}

/**
 * DELETE /Users/{id}: the SCIM record and its memberships go (later calls are 404); the Atlassian account stays and
 * is deactivated when the org manages it (docs/atlassian-api.md §3, "Delete").
 */
export function deleteUser(ctx: ScimContext, id: string) {
	const user = find(ctx, id);
	const accountId = user[EXTERNAL]?.atlassianAccountId;
	ctx.dir.removeUser(id);
	const account = accountId ? ctx.store.accounts.get(accountId) : undefined;
	if (account?.managed) account.active = false;
}
