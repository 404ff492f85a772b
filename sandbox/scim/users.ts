import { scimError } from './errors';
import { parseFilter } from './filter';
import { project } from './projection';
import { CORE_USER, ENTERPRISE, EXTERNAL, newId, type DirectoryStore, type SandboxStore, type UserDoc } from '../store';

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const TEXT = ['displayName', 'nickName', 'title', 'preferredLanguage', 'timezone', 'externalId'] as const;
const NAME_PARTS = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'];
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export interface ScimContext {
	store: SandboxStore;
	dir: DirectoryStore;
	pageCap: number;
	location: string;
}

type Input = Record<string, any>;

function multi(list: unknown): Array<{ value: string; type?: string; primary: boolean }> {
	return (list as Input[]).map((e) => ({
		value: String(e?.value ?? ''),
		...(e?.type !== undefined ? { type: String(e.type) } : {}),
		primary: e?.primary === true || e?.primary === 'true',
	}));
}

/**
 * Builds the stored user from a SCIM document (create, PUT, or the result of a PATCH), applying Atlassian's rules:
 * userName and an `emails` array with exactly one primary are required; a timezone that is not an IANA name is
 * silently ignored; department/organization come from the enterprise extension, else from the top level.
 */
function normalize(input: Input, base: { id: string; created: string; accountId: string | null }): UserDoc {
	if (typeof input.userName !== 'string' || !input.userName.trim()) throw scimError(400, 'userName is required', 'invalidValue');
	if (!Array.isArray(input.emails)) throw scimError(400, 'one email address has to be marked as the primary', 'invalidValue');
	const emails = multi(input.emails);
	if (emails.filter((e) => e.primary).length !== 1) throw scimError(400, 'one email address has to be marked as the primary', 'invalidValue');
	if (emails.some((e) => !/^[^\s@]+@[^\s@]+$/.test(e.value))) throw scimError(400, 'invalid email address', 'invalidValue');
	const user: UserDoc = {
		schemas: [CORE_USER, ENTERPRISE, EXTERNAL],
		id: base.id,
		userName: input.userName,
		emails,
		active: input.active === undefined ? true : input.active === true || input.active === 'true',
	};
	for (const key of TEXT) {
		const value = input[key];
		if (value === undefined || value === null || value === '') continue;
		if (key === 'timezone' && !ZONES.has(String(value))) continue; // Atlassian ignores it, without an error.
		user[key] = String(value);
	}
	if (input.name && typeof input.name === 'object') {
		const name: Input = {};
		for (const part of NAME_PARTS) if (input.name[part] !== undefined && input.name[part] !== null && input.name[part] !== '') name[part] = String(input.name[part]);
		if (Object.keys(name).length) user.name = name;
	}
	if (Array.isArray(input.phoneNumbers) && input.phoneNumbers.length) user.phoneNumbers = multi(input.phoneNumbers);
	const ext: Input = input[ENTERPRISE] && typeof input[ENTERPRISE] === 'object' ? input[ENTERPRISE] : {};
	const enterprise: Input = {};
	for (const key of ['department', 'organization']) {
		const value = ext[key] ?? input[key];
		if (value !== undefined && value !== null && value !== '') {
			enterprise[key] = String(value);
			user[key] = String(value);
		}
	}
	if (ext.manager?.value) enterprise.manager = { value: String(ext.manager.value) };
	if (Object.keys(enterprise).length) user[ENTERPRISE] = enterprise;
	user[EXTERNAL] = { atlassianAccountId: base.accountId };
	user.meta = { resourceType: 'User', created: base.created, lastModified: new Date().toISOString() };
	return user;
}

function assertUnique(dir: DirectoryStore, user: UserDoc) {
	const taken = dir.idByUserName(user.userName);
	if (taken && taken !== user.id) throw scimError(409, `Resource [USER]: with userName[${user.userName}] already exists.`, 'uniqueness');
	for (const email of user.emails as Array<{ value: string }>) {
		const holder = dir.idByEmail(email.value);
		if (holder && holder !== user.id) throw scimError(409, `Resource [USER]: with email[${email.value}] already exists.`, 'uniqueness');
	}
}

/** The user as Atlassian returns it: with its groups and location. */
export function render(ctx: ScimContext, user: UserDoc): Input {
	const groups = [...(ctx.dir.membership.get(user.id) ?? [])].map((groupId) => {
		const group = ctx.dir.groups.get(groupId)!;
		return { type: 'Group', value: groupId, display: group.displayName, $ref: `${ctx.location}/Groups/${groupId}` };
	});
	return { ...user, groups, meta: { ...user.meta, location: `${ctx.location}/Users/${user.id}` } };
}

function find(ctx: ScimContext, id: string): UserDoc {
	const user = ctx.dir.users.get(id);
	if (!user) throw scimError(404, `Resource [USER]: with id[${id}] not found.`, 'noTarget');
	return user;
}

const extensions = [ENTERPRISE, EXTERNAL];

export function listUsers(ctx: ScimContext, query: URLSearchParams) {
	const filterText = query.get('filter');
	let matches: UserDoc[];
	if (filterText) {
		const filter = parseFilter(filterText, ['userName', 'externalId']);
		const id = filter.attribute === 'userName' ? ctx.dir.idByUserName(filter.value) : ctx.dir.idByExternalId(filter.value);
		matches = id ? [ctx.dir.users.get(id)!] : [];
	} else {
		matches = ctx.dir.list();
	}
	return page(matches, query, ctx.pageCap, (u) => project(render(ctx, u), query, extensions));
}

export function page<T>(all: T[], query: URLSearchParams, cap: number, show: (t: T) => unknown) {
	const startIndex = Math.max(1, Number(query.get('startIndex')) || 1);
	const asked = query.get('count');
	const count = Math.min(cap, asked === null || asked === '' || Number.isNaN(Number(asked)) ? cap : Math.max(0, Number(asked)));
	const slice = all.slice(startIndex - 1, startIndex - 1 + count);
	return { schemas: [LIST_SCHEMA], totalResults: all.length, startIndex, itemsPerPage: slice.length, Resources: slice.map(show) };
}

export function getUser(ctx: ScimContext, id: string, query: URLSearchParams) {
	return project(render(ctx, find(ctx, id)), query, extensions);
}

export function createUser(ctx: ScimContext, body: Input, query: URLSearchParams) {
	const draft = normalize(body, { id: newId(), created: new Date().toISOString(), accountId: null });
	assertUnique(ctx.dir, draft);
	const primary = (draft.emails as Array<{ value: string; primary: boolean }>).find((e) => e.primary)!.value;
	draft[EXTERNAL] = { atlassianAccountId: ctx.store.accountFor(primary).accountId };
	const user = ctx.dir.put(draft);
	return project(render(ctx, user), query, extensions);
}

export function replaceUser(ctx: ScimContext, id: string, body: Input, query: URLSearchParams) {
	const old = find(ctx, id);
	const next = normalize(body, { id, created: old.meta.created, accountId: old[EXTERNAL]?.atlassianAccountId ?? null });
	assertUnique(ctx.dir, next);
	return project(render(ctx, ctx.dir.put(next)), query, extensions);
}

export function deleteUser(ctx: ScimContext, id: string) {
	const user = find(ctx, id);
	const accountId = user[EXTERNAL]?.atlassianAccountId;
	ctx.dir.remove(id);
	// The account stays; a managed one is deactivated (not modelled beyond keeping the account).
	void accountId;
}

/** Where a PATCH path points: [container key, sub key]. */
function target(path: string): [string, string | undefined] {
	const ext = extensions.find((urn) => path.toLowerCase().startsWith(`${urn.toLowerCase()}:`));
	if (ext) return [ext, path.slice(ext.length + 1)];
	const dot = path.indexOf('.');
	return dot < 0 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
}

const WRITABLE = new Set(['userName', 'emails', 'active', 'phoneNumbers', 'name', 'department', 'organization', ENTERPRISE, ...TEXT]);
const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas', EXTERNAL]);

function canonical(key: string): string {
	return [...WRITABLE, ...READ_ONLY].find((k) => k.toLowerCase() === key.toLowerCase()) ?? key;
}

function applyOne(doc: Input, op: string, path: string | undefined, value: unknown) {
	if (path === undefined || path === '') {
		if (op === 'remove') throw scimError(400, 'remove needs a path', 'noTarget');
		if (!value || typeof value !== 'object' || Array.isArray(value)) throw scimError(400, 'a path-less operation needs an object value', 'invalidValue');
		for (const [key, v] of Object.entries(value as Input)) {
			const [top, sub] = target(key);
			if (sub !== undefined) applyOne(doc, op, key, v);
			else if ((canonical(top) === 'name' || canonical(top) === ENTERPRISE) && v && typeof v === 'object') {
				for (const [k2, v2] of Object.entries(v as Input)) applyOne(doc, op, `${canonical(top) === 'name' ? 'name.' : `${ENTERPRISE}:`}${k2}`, v2);
			} else applyOne(doc, op, top, v);
		}
		return;
	}
	const [rawTop, sub] = target(path);
	const top = canonical(rawTop);
	if (READ_ONLY.has(top)) throw scimError(400, `Attribute ${path} is read-only`, 'mutability');
	if (!WRITABLE.has(top)) throw scimError(400, `Unsupported path: ${path}`, 'invalidPath');
	if (sub !== undefined) {
		if (top !== 'name' && top !== ENTERPRISE) throw scimError(400, `Unsupported path: ${path}`, 'invalidPath');
		if (top === 'name' && !NAME_PARTS.includes(sub)) throw scimError(400, `Unsupported path: ${path}`, 'invalidPath');
		if (top === ENTERPRISE && !['department', 'organization', 'manager', 'manager.value'].includes(sub)) throw scimError(400, `Unsupported path: ${path}`, 'invalidPath');
		doc[top] = { ...(doc[top] ?? {}) };
		if (top === ENTERPRISE && (sub === 'department' || sub === 'organization')) delete doc[sub];
		const key = sub === 'manager.value' ? 'manager' : sub;
		const v = sub === 'manager.value' ? { value } : value;
		if (op === 'remove') delete doc[top][key];
		else doc[top][key] = v;
		return;
	}
	if (op === 'remove') {
		if (top === 'userName' || top === 'emails') throw scimError(400, `${top} cannot be removed`, 'mutability');
		delete doc[top];
		if (top === 'department' || top === 'organization') delete doc[ENTERPRISE]?.[top];
		return;
	}
	if ((top === 'emails' || top === 'phoneNumbers') && op === 'add' && Array.isArray(doc[top])) {
		doc[top] = [...doc[top], ...(Array.isArray(value) ? value : [value])];
		return;
	}
	if (top === 'department' || top === 'organization') {
		doc[ENTERPRISE] = { ...(doc[ENTERPRISE] ?? {}), [top]: value };
	}
	doc[top] = top === 'emails' || top === 'phoneNumbers' ? (Array.isArray(value) ? value : [value]) : value;
}

export function patchUser(ctx: ScimContext, id: string, body: Input, query: URLSearchParams) {
	const old = find(ctx, id);
	const operations = body?.Operations ?? body?.operations;
	if (!Array.isArray(operations) || (body.schemas && !body.schemas.includes(PATCH_SCHEMA))) {
		throw scimError(400, 'A PatchOp body with Operations is required', 'invalidSyntax');
	}
	const doc: Input = JSON.parse(JSON.stringify(old));
	for (const operation of operations) {
		const op = String(operation?.op ?? '').toLowerCase();
		if (!['add', 'replace', 'remove'].includes(op)) throw scimError(400, `Unsupported op: ${operation?.op}`, 'invalidSyntax');
		applyOne(doc, op, operation.path, operation.value);
	}
	const next = normalize(doc, { id, created: old.meta.created, accountId: old[EXTERNAL]?.atlassianAccountId ?? null });
	assertUnique(ctx.dir, next);
	return project(render(ctx, ctx.dir.put(next)), query, extensions);
}
