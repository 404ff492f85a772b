import { scimError } from './errors';
import { parsePath, type AttributePath } from './paths';
import { ENTERPRISE_STRINGS, NAME_PARTS, STRING_ATTRIBUTES } from './userModel';
import { ENTERPRISE, EXTERNAL } from '../store';

type Input = Record<string, any>;

export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const SIMPLE = ['userName', 'active', ...STRING_ATTRIBUTES];
const MULTI = ['emails', 'phoneNumbers'];
const READ_ONLY = ['id', 'meta', 'groups', 'schemas', EXTERNAL];
const KNOWN = [...SIMPLE, ...MULTI, 'name', ...ENTERPRISE_STRINGS, ENTERPRISE, ...READ_ONLY];

const canonical = (name: string, among: readonly string[]) => among.find((k) => k.toLowerCase() === name.toLowerCase());
const invalidPath = (path: string) => scimError(400, `Unsupported or invalid path: ${path}`, 'invalidPath');
const isObject = (v: unknown): v is Input => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The Operations of a PatchOp body. Atlassian's example uses `Operations` (RFC 7644) while its OpenAPI model says
 * `operations`; which one the server accepts is UNCONFIRMED (docs/atlassian-api.md §3, "Update"), so both are.
 */
export function operationsOf(body: unknown): Array<{ op: string; path?: string; value?: unknown }> {
	if (!isObject(body)) throw scimError(400, 'The request body must be a SCIM PatchOp object', 'invalidSyntax');
	if (body.schemas !== undefined && !(Array.isArray(body.schemas) && body.schemas.includes(PATCH_SCHEMA))) {
		throw scimError(400, `schemas must contain ${PATCH_SCHEMA}`, 'invalidSyntax');
	}
	const operations = body.Operations ?? body.operations;
	if (!Array.isArray(operations)) throw scimError(400, 'A PatchOp body needs an Operations array', 'invalidSyntax');
	return operations.map((operation: unknown) => {
		if (!isObject(operation)) throw scimError(400, 'Each operation must be an object', 'invalidSyntax');
		const op = String(operation.op ?? '').toLowerCase();
		if (!['add', 'replace', 'remove'].includes(op)) throw scimError(400, `Unsupported op: ${String(operation.op)}`, 'invalidSyntax');
		if (operation.path !== undefined && typeof operation.path !== 'string') throw scimError(400, 'path must be a string', 'invalidPath');
		if (op !== 'remove' && operation.value === undefined) throw scimError(400, `op ${op} needs a value`, 'invalidValue');
		return { op, path: operation.path || undefined, value: operation.value };
	});
}

/**
 * Applies one PATCH operation to an editable copy of a user (see userModel.editable); validation of the result is
 * normalizeUser's job, so a PATCH that breaks a rule (no primary email, no userName) fails as a whole.
 * Paths: top-level, dotted (`name.givenName`), URN-qualified (`urn:…:enterprise:2.0:User:department`, the whole
 * extension URN), value filters on emails/phoneNumbers (`emails[type eq "work"].value`, what Entra ID sends), and
 * path-less add/replace whose value object is merged attribute by attribute.
 */
export function applyUserOperation(doc: Input, op: string, path: string | undefined, value: unknown): void {
	if (path === undefined) {
		if (op === 'remove') throw scimError(400, 'remove needs a path', 'noTarget');
		if (!isObject(value)) throw scimError(400, 'A path-less operation needs an object value', 'invalidValue');
		for (const [key, v] of Object.entries(value)) {
			if (key.toLowerCase() === 'schemas') continue; // some IdPs echo it; it is not an attribute to change
			applyUserOperation(doc, op, key, v);
		}
		return;
	}
	const parsed = parsePath(path);
	if (!parsed) throw invalidPath(path);
	const top = canonical(parsed.top, KNOWN);
	if (!top) throw invalidPath(path);
	if (READ_ONLY.includes(top)) throw scimError(400, `Attribute ${path} is read-only`, 'mutability');
	if (parsed.filter && !MULTI.includes(top)) throw invalidPath(path);
	if (MULTI.includes(top)) return multi(doc, top, op, parsed, path, value);
	if (top === 'name') return name(doc, op, parsed.sub, path, value);
	if (top === ENTERPRISE) return enterprise(doc, op, parsed.sub, path, value);
	if (parsed.sub !== undefined) throw invalidPath(path);
	if ((ENTERPRISE_STRINGS as readonly string[]).includes(top)) return enterprise(doc, op, top, path, value);
	if (op === 'remove') delete doc[top];
	else doc[top] = value;
}

function name(doc: Input, op: string, sub: string | undefined, path: string, value: unknown) {
	if (sub === undefined) {
		if (op === 'remove') return void delete doc.name;
		if (!isObject(value)) throw scimError(400, 'name needs an object value', 'invalidValue');
		// RFC 7644 §3.5.2.3: sub-attributes not given are left unchanged, for add and replace alike.
		for (const [k, v] of Object.entries(value)) name(doc, op, k, `name.${k}`, v);
		return;
	}
	const part = canonical(sub, NAME_PARTS);
	if (!part) throw invalidPath(path);
	doc.name = isObject(doc.name) ? doc.name : {};
	if (op === 'remove') delete doc.name[part];
	else doc.name[part] = value;
}

/** department/organization live in the extension and are echoed top-level; both places change together. */
function enterprise(doc: Input, op: string, sub: string | undefined, path: string, value: unknown) {
	if (sub === undefined) {
		if (op === 'remove') {
			delete doc[ENTERPRISE];
			for (const key of ENTERPRISE_STRINGS) delete doc[key];
			return;
		}
		if (!isObject(value)) throw scimError(400, `${ENTERPRISE} needs an object value`, 'invalidValue');
		for (const [k, v] of Object.entries(value)) enterprise(doc, op, k, `${ENTERPRISE}:${k}`, v);
		return;
	}
	const ext: Input = isObject(doc[ENTERPRISE]) ? doc[ENTERPRISE] : (doc[ENTERPRISE] = {});
	const key = canonical(sub, [...ENTERPRISE_STRINGS, 'manager', 'manager.value']);
	if (!key) throw invalidPath(path);
	if (key === 'manager' || key === 'manager.value') {
		if (op === 'remove') delete ext.manager;
		else ext.manager = key === 'manager.value' || !isObject(value) ? { value } : value;
		return;
	}
	if (op === 'remove') {
		delete ext[key];
		delete doc[key];
	} else {
		ext[key] = value;
		doc[key] = value;
	}
}

function sameValue(a: unknown, b: unknown) {
	return typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function multi(doc: Input, top: string, op: string, parsed: AttributePath, path: string, value: unknown) {
	const list: Input[] = Array.isArray(doc[top]) ? doc[top] : [];
	if (parsed.filter) {
		const attribute = canonical(parsed.filter.attribute, ['type', 'value', 'primary']);
		const sub = parsed.sub === undefined ? undefined : canonical(parsed.sub, ['type', 'value', 'primary']);
		if (!attribute || (parsed.sub !== undefined && !sub)) throw invalidPath(path);
		const wanted = parsed.filter.value;
		const matches = list.filter((entry) => sameValue(entry?.[attribute], wanted));
		if (op === 'remove') {
			// Removing what is not there is a no-op (idempotent), not noTarget: our choice, the notes are silent.
			if (sub) for (const entry of matches) delete entry[sub];
			else doc[top] = list.filter((entry) => !matches.includes(entry));
			return;
		}
		if (!matches.length) {
			// add, and replace with no match, add an entry (what IdPs such as Entra ID rely on for a first value).
			const entry: Input = { [attribute]: wanted };
			if (sub) entry[sub] = value;
			else if (isObject(value)) Object.assign(entry, value);
			else throw scimError(400, `${path} needs an object value`, 'invalidValue');
			doc[top] = [...list, entry];
			return;
		}
		for (const entry of matches) {
			if (sub) entry[sub] = value;
			else if (isObject(value)) Object.assign(entry, value);
			else throw scimError(400, `${path} needs an object value`, 'invalidValue');
		}
		doc[top] = list;
		return;
	}
	if (parsed.sub !== undefined) throw invalidPath(path);
	if (op === 'remove') {
		if (value === undefined) return void delete doc[top];
		const gone = (Array.isArray(value) ? value : [value]).map((v) => (isObject(v) ? v.value : v));
		doc[top] = list.filter((entry) => !gone.some((v) => sameValue(entry?.value, v)));
		return;
	}
	const values = Array.isArray(value) ? value : [value];
	if (op === 'replace') return void (doc[top] = values);
	// add: new values are appended; a value already present is updated in place (RFC 7644 §3.5.2.1, no duplicates).
	const next = [...list];
	for (const v of values) {
		const at = isObject(v) ? next.findIndex((entry) => sameValue(entry?.value, v.value)) : -1;
		if (at >= 0) next[at] = { ...next[at], ...(v as Input) };
		else next.push(v);
	}
	doc[top] = next;
}
