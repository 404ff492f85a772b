import { HttpError, scimError } from './errors';
import { parseFilter } from './filter';
import { page, type ScimContext } from './users';
import { CORE_GROUP, newId, type GroupRecord } from '../store';

type Input = Record<string, any>;

export interface GroupOptions {
	groupMemberNotFound: 400 | 404;
	memberRemoveForms: 'both' | 'filter-path' | 'value-array';
	reservedGroupNames: string[];
}

function render(ctx: ScimContext, group: GroupRecord, withMembers = true) {
	const members = withMembers
		? [...group.members].map((id) => ({
				type: 'User',
				value: id,
				display: ctx.dir.users.get(id)?.userName,
				$ref: `${ctx.location}/Users/${id}`,
			}))
		: undefined;
	return {
		schemas: [CORE_GROUP],
		id: group.id,
		displayName: group.displayName,
		...(group.externalId !== undefined ? { externalId: group.externalId } : {}),
		...(members ? { members } : {}),
		meta: { resourceType: 'Group', created: group.created, lastModified: group.lastModified, location: `${ctx.location}/Groups/${group.id}` },
	};
}

function find(ctx: ScimContext, id: string): GroupRecord {
	const group = ctx.dir.groups.get(id);
	if (!group) throw scimError(404, `Resource [GROUP]: with id[${id}] not found.`, 'noTarget');
	return group;
}

function nameTaken(ctx: ScimContext, options: GroupOptions, name: string, except?: string): boolean {
	const lower = name.toLowerCase();
	if (options.reservedGroupNames.some((n) => n.toLowerCase() === lower)) return true;
	for (const group of ctx.dir.groups.values()) if (group.id !== except && group.displayName.toLowerCase() === lower) return true;
	return false;
}

function memberIds(value: unknown): string[] {
	if (!Array.isArray(value)) throw scimError(400, 'members must be an array of {value}', 'invalidValue');
	return value.map((m: Input) => String(m?.value ?? ''));
}

function unknownMembers(ctx: ScimContext, ids: string[]) {
	return ids.filter((id) => !ctx.dir.users.has(id));
}

export function listGroups(ctx: ScimContext, query: URLSearchParams) {
	const filterText = query.get('filter');
	let all = [...ctx.dir.groups.values()];
	if (filterText) {
		const filter = parseFilter(filterText, ['displayName']);
		all = all.filter((g) => g.displayName.toLowerCase() === filter.value.toLowerCase());
	}
	const withMembers = !(query.get('excludedAttributes') ?? '').split(',').map((s) => s.trim()).includes('members');
	return page(all, query, ctx.pageCap, (g) => render(ctx, g, withMembers));
}

export function getGroup(ctx: ScimContext, id: string) {
	return render(ctx, find(ctx, id));
}

export function createGroup(ctx: ScimContext, options: GroupOptions, body: Input) {
	const name = typeof body?.displayName === 'string' ? body.displayName.trim() : '';
	if (!name) throw scimError(400, 'displayName is required', 'invalidValue');
	if (nameTaken(ctx, options, name)) throw scimError(409, 'Resource [GROUP]: with displayName already exists.', 'uniqueness');
	const ids = body.members === undefined ? [] : memberIds(body.members);
	const missing = unknownMembers(ctx, ids);
	if (missing.length) throw scimError(400, `users referenced do not exist: ${missing.join(', ')}`, 'invalidValue');
	const now = new Date().toISOString();
	const group: GroupRecord = { id: newId(), displayName: name, externalId: body.externalId ?? undefined, members: new Set(), created: now, lastModified: now };
	ctx.dir.groups.set(group.id, group);
	for (const id of ids) ctx.dir.addMember(group, id);
	return render(ctx, group);
}

export function replaceGroup(ctx: ScimContext, id: string, body: Input) {
	const group = find(ctx, id);
	if (body?.displayName !== undefined && body.displayName !== group.displayName) {
		throw scimError(400, 'displayName is immutable: groups cannot be renamed', 'mutability');
	}
	const ids = body?.members === undefined ? [] : memberIds(body.members);
	const missing = unknownMembers(ctx, ids);
	if (missing.length) {
		// The spec's Java-ish BadRequestException shape for PUT /Groups/{id}.
		throw new HttpError(400, { message: `users referenced do not exist: ${missing.join(', ')}`, scimErrorType: 'invalidValue', responseStatus: 'BAD_REQUEST' });
	}
	for (const member of [...group.members]) ctx.dir.removeMember(group, member);
	for (const member of ids) ctx.dir.addMember(group, member);
	if (body.externalId !== undefined) group.externalId = body.externalId;
	group.lastModified = new Date().toISOString();
	return render(ctx, group);
}

const FILTER_PATH = /^members\[\s*value\s+eq\s+"((?:[^"\\]|\\.)*)"\s*\]$/i;

export function patchGroup(ctx: ScimContext, options: GroupOptions, id: string, body: Input) {
	const group = find(ctx, id);
	const operations = body?.Operations ?? body?.operations;
	if (!Array.isArray(operations)) throw scimError(400, 'A PatchOp body with Operations is required', 'invalidSyntax');
	// Validate everything first, then apply: a rejected PATCH changes nothing.
	const adds: string[] = [];
	const removes: string[] = [];
	let removeAll = false;
	let replace: string[] | undefined;
	for (const operation of operations) {
		const op = String(operation?.op ?? '').toLowerCase();
		const path = String(operation?.path ?? '');
		const filterPath = FILTER_PATH.exec(path);
		if (op === 'replace' && (path.toLowerCase() === 'displayname' || (operation.value && operation.value.displayName !== undefined))) {
			throw scimError(400, 'displayName is immutable: groups cannot be renamed', 'mutability');
		}
		if (path.toLowerCase() === 'members' && op === 'add') adds.push(...memberIds(operation.value));
		else if (path.toLowerCase() === 'members' && op === 'replace') replace = memberIds(operation.value);
		else if (op === 'remove' && filterPath) {
			if (options.memberRemoveForms === 'value-array') throw scimError(400, `Unsupported path: ${path}`, 'invalidPath');
			removes.push(filterPath[1].replace(/\\(.)/g, '$1'));
		} else if (op === 'remove' && path.toLowerCase() === 'members') {
			if (operation.value === undefined) removeAll = true;
			else {
				if (options.memberRemoveForms === 'filter-path') throw scimError(400, 'remove with a value is not supported; use members[value eq "id"]', 'invalidValue');
				removes.push(...memberIds(operation.value));
			}
		} else throw scimError(400, `Unsupported operation ${op} on ${path || '(no path)'}`, 'invalidPath');
	}
	const missing = unknownMembers(ctx, [...adds, ...(replace ?? [])]);
	if (missing.length) {
		const status = options.groupMemberNotFound;
		throw scimError(status, `User does not exist: ${missing.join(', ')}`, status === 400 ? 'invalidValue' : 'noTarget');
	}
	if (removeAll) for (const member of [...group.members]) ctx.dir.removeMember(group, member);
	if (replace) {
		for (const member of [...group.members]) ctx.dir.removeMember(group, member);
		for (const member of replace) ctx.dir.addMember(group, member);
	}
	for (const member of adds) ctx.dir.addMember(group, member);
	for (const member of removes) ctx.dir.removeMember(group, member);
	group.lastModified = new Date().toISOString();
	return render(ctx, group);
}

export function deleteGroup(ctx: ScimContext, id: string) {
	find(ctx, id);
	ctx.dir.removeGroup(id);
}
