import { javaBadRequest, scimError } from './errors';
import { parseFilter } from './filter';
import { listResponse, pageRequest } from './paging';
import { operationsOf } from './userPatch';
import type { ScimContext } from './users';
import { CORE_GROUP, newId, type GroupRecord } from '../store';

type Input = Record<string, any>;

export interface GroupOptions {
	/** Status of a PATCH naming an unknown member: the spec lists 404, PUT lists 400 (docs/atlassian-api.md §4); default 404. */
	groupMemberNotFound: 400 | 404;
	/** Which PATCH remove forms are accepted; the value-array form is UNCONFIRMED (docs/atlassian-api.md §4). */
	memberRemoveForms: 'both' | 'filter-path' | 'value-array';
	/** Whether a PATCH naming an unknown member says which; else the spec's generic text. */
	memberNotFoundNamesMembers: boolean;
	/** Org/site groups SCIM cannot list but whose names still collide (409, docs/atlassian-api.md §4). */
	reservedGroupNames: string[];
}

/**
 * Groups are answered with their members; Atlassian does not support attributes/excludedAttributes on Groups
 * (docs/atlassian-api.md §5), so those parameters are ignored here.
 */
export function renderGroup(ctx: ScimContext, group: GroupRecord) {
	const members = [];
	for (const id of group.members) {
		members.push({ type: 'User', value: id, display: ctx.dir.users.get(id)?.userName, $ref: `${ctx.location}/Users/${id}` });
	}
	return {
		schemas: [CORE_GROUP],
		id: group.id,
		displayName: group.displayName,
		...(group.externalId !== undefined ? { externalId: group.externalId } : {}),
		members,
		meta: { resourceType: 'Group', created: group.created, lastModified: group.lastModified, location: `${ctx.location}/Groups/${group.id}` },
	};
}

function find(ctx: ScimContext, id: string): GroupRecord {
	const group = ctx.dir.groups.get(id);
	if (!group) throw scimError(404, `Resource [GROUP]: with id[${id}] not found.`);
	return group;
}

function nameTaken(ctx: ScimContext, options: GroupOptions, name: string): boolean {
	const lower = name.toLowerCase();
	return options.reservedGroupNames.some((n) => n.toLowerCase() === lower) || ctx.dir.groupIdByName(name) !== undefined;
}

function memberIds(value: unknown): string[] {
	const list = Array.isArray(value) ? value : [value];
	return list.map((m: unknown) => {
		const id = m && typeof m === 'object' ? (m as Input).value : undefined;
		if (typeof id !== 'string' || !id) throw scimError(400, 'members must be an array of {"value": "<SCIM user id>"}', 'invalidValue');
		return id;
	});
}

function unknownMembers(ctx: ScimContext, ids: Iterable<string>): string[] {
	return [...new Set(ids)].filter((id) => !ctx.dir.users.has(id));
}

function optionalText(name: string, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw scimError(400, `${name} must be a string`, 'invalidValue');
	return value;
}

const renamed = () => scimError(400, 'displayName is immutable: groups cannot be renamed', 'mutability');

export function listGroups(ctx: ScimContext, query: URLSearchParams) {
	const { startIndex, count } = pageRequest(query, ctx.pageCap);
	const filterText = query.get('filter');
	if (filterText !== null && filterText.trim() !== '') {
		const filter = parseFilter(filterText, ['displayName'], 'GROUP');
		const id = ctx.dir.groupIdByName(filter.value);
		const matches = id ? [ctx.dir.groups.get(id)!] : [];
		return listResponse(matches.length, startIndex, matches.slice(startIndex - 1, startIndex - 1 + count).map((g) => renderGroup(ctx, g)));
	}
	return listResponse(ctx.dir.groupCount, startIndex, ctx.dir.pageGroups(startIndex, count).map((g) => renderGroup(ctx, g)));
}

export function getGroup(ctx: ScimContext, id: string) {
	return renderGroup(ctx, find(ctx, id));
}

/** POST /Groups: 409 for a taken name (any case) or a reserved org/site group name; 400 naming unknown members. */
export function createGroup(ctx: ScimContext, options: GroupOptions, body: unknown) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw scimError(400, 'The request body must be a SCIM Group object', 'invalidSyntax');
	const input = body as Input;
	const name = optionalText('displayName', input.displayName);
	if (!name || !name.trim()) throw scimError(400, 'displayName is required', 'invalidValue');
	if (nameTaken(ctx, options, name)) throw scimError(409, 'Resource [GROUP]: with displayName already exists.', 'uniqueness');
	const ids = input.members === undefined || input.members === null ? [] : memberIds(input.members);
	const missing = unknownMembers(ctx, ids);
	if (missing.length) throw scimError(400, `users referenced do not exist: ${missing.join(', ')}`, 'invalidValue');
	const now = new Date().toISOString();
	const group = ctx.dir.addGroup({ id: newId(), displayName: name, externalId: optionalText('externalId', input.externalId), members: new Set(), created: now, lastModified: now });
	for (const id of ids) ctx.dir.addMember(group, id);
	return renderGroup(ctx, group);
}

/**
 * PUT /Groups/{id}: replaces the membership (and externalId). A different displayName is 400 mutability (no rename,
 * docs/atlassian-api.md §4); unknown members are 400 in the spec's Java-ish shape. Work is O(old + new members).
 */
export function replaceGroup(ctx: ScimContext, id: string, body: unknown) {
	const group = find(ctx, id);
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw scimError(400, 'The request body must be a SCIM Group object', 'invalidSyntax');
	const input = body as Input;
	const name = optionalText('displayName', input.displayName);
	if (name !== undefined && name !== group.displayName) throw renamed();
	const ids = input.members === undefined || input.members === null ? [] : memberIds(input.members);
	const missing = unknownMembers(ctx, ids);
	if (missing.length) throw javaBadRequest(`users referenced do not exist: ${missing.join(', ')}`, 'invalidValue');
	const externalId = optionalText('externalId', input.externalId);
	const next = new Set(ids);
	for (const member of [...group.members]) if (!next.has(member)) ctx.dir.removeMember(group, member);
	for (const member of next) ctx.dir.addMember(group, member);
	group.externalId = externalId;
	group.lastModified = new Date().toISOString();
	return renderGroup(ctx, group);
}

const FILTER_PATH = /^members\[\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*\]$/i;

/**
 * PATCH /Groups/{id}. add: `{"op":"add","path":"members","value":[{"value":id}]}` (idempotent). remove, in the forms
 * `memberRemoveForms` allows: `{"op":"remove","path":"members[value eq \"id\"]"}` and
 * `{"op":"remove","path":"members","value":[{"value":id}]}`. replace of members sets them; replace of displayName to
 * another name is 400 mutability (the same name is a no-op, as Okta sends it). Unknown members: groupMemberNotFound.
 * Everything is validated before anything changes; the work is O(members named).
 */
export function patchGroup(ctx: ScimContext, options: GroupOptions, id: string, body: unknown) {
	const group = find(ctx, id);
	const operations = operationsOf(body);
	type Step = { kind: 'add' | 'remove' | 'set'; ids: string[] } | { kind: 'clear' } | { kind: 'externalId'; value: string | undefined };
	const steps: Step[] = [];
	const named: string[] = [];
	const plan = (op: string, path: string | undefined, value: unknown): void => {
		if (path === undefined) {
			if (op === 'remove') throw scimError(400, 'remove needs a path', 'noTarget');
			if (!value || typeof value !== 'object' || Array.isArray(value)) throw scimError(400, 'A path-less operation needs an object value', 'invalidValue');
			for (const [key, v] of Object.entries(value as Input)) {
				if (['schemas', 'id'].includes(key.toLowerCase())) continue; // echoed by some IdPs, not a change
				plan(op, key, v);
			}
			return;
		}
		const filterPath = FILTER_PATH.exec(path.trim());
		const lower = path.trim().toLowerCase();
		if (filterPath) {
			if (op !== 'remove') throw scimError(400, `Unsupported operation ${op} on ${path}`, 'invalidPath');
			if (options.memberRemoveForms === 'value-array') throw scimError(400, `Unsupported path: ${path}`, 'invalidPath');
			let member: string;
			try {
				member = JSON.parse(filterPath[1]) as string;
			} catch {
				throw scimError(400, `Invalid path: ${path}`, 'invalidPath');
			}
			named.push(member);
			steps.push({ kind: 'remove', ids: [member] });
		} else if (lower === 'members') {
			if (op === 'remove' && value === undefined) return void steps.push({ kind: 'clear' });
			if (op === 'remove' && options.memberRemoveForms === 'filter-path') {
				throw scimError(400, 'A remove with a value is not supported; use path members[value eq "<id>"]', 'invalidValue');
			}
			const ids = memberIds(value);
			named.push(...ids);
			steps.push({ kind: op === 'add' ? 'add' : op === 'remove' ? 'remove' : 'set', ids });
		} else if (lower === 'displayname') {
			if (op === 'remove' || value !== group.displayName) throw renamed();
		} else if (lower === 'externalid') {
			steps.push({ kind: 'externalId', value: op === 'remove' ? undefined : optionalText('externalId', value) });
		} else if (['id', 'meta', 'schemas'].includes(lower)) {
			throw scimError(400, `Attribute ${path} is read-only`, 'mutability');
		} else {
			throw scimError(400, `Unsupported path: ${path}`, 'invalidPath');
		}
	};
	for (const { op, path, value } of operations) plan(op, path, value);
	const missing = unknownMembers(ctx, named);
	if (missing.length) {
		const status = options.groupMemberNotFound;
		const detail = options.memberNotFoundNamesMembers ? `User does not exist: ${missing.join(', ')}` : 'Directory, group, or user does not exist';
		throw scimError(status, detail, status === 400 ? 'invalidValue' : undefined);
	}
	for (const step of steps) {
		if (step.kind === 'add') for (const member of step.ids) ctx.dir.addMember(group, member);
		else if (step.kind === 'remove') for (const member of step.ids) ctx.dir.removeMember(group, member);
		else if (step.kind === 'externalId') group.externalId = step.value;
		else {
			const keep = new Set(step.kind === 'set' ? step.ids : []);
			for (const member of [...group.members]) if (!keep.has(member)) ctx.dir.removeMember(group, member);
			for (const member of keep) ctx.dir.addMember(group, member);
		}
	}
	group.lastModified = new Date().toISOString();
	return renderGroup(ctx, group);
}

/** DELETE /Groups/{id}: 204, then 404; memberships go with it. */
export function deleteGroup(ctx: ScimContext, id: string) {
	find(ctx, id);
	ctx.dir.removeGroup(id);
}
