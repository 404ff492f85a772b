import { scimError } from './errors';
import { CORE_USER, ENTERPRISE, EXTERNAL, type UserDoc } from '../store';

type Input = Record<string, any>;

/** Plain string attributes of the core User schema that Atlassian stores (docs/atlassian-api.md §3). */
export const STRING_ATTRIBUTES = ['displayName', 'nickName', 'title', 'preferredLanguage', 'timezone', 'externalId'] as const;
export const NAME_PARTS = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'] as const;
/** Written through the enterprise extension (docs/atlassian-api.md §3), also accepted top-level (the spec lists them there). */
export const ENTERPRISE_STRINGS = ['department', 'organization'] as const;

/** IANA zones as Node knows them, plus UTC; anything else is ignored like Atlassian does (docs/atlassian-api.md §3, "Value formats"). */
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

export function isValidTimezone(value: string): boolean {
	return ZONES.has(value);
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const PRIMARY_RULE = 'one email address has to be marked as the primary';

function invalid(detail: string) {
	return scimError(400, detail, 'invalidValue');
}

/** A string attribute: strings as sent, numbers/booleans stringified, null/'' mean "not set", objects are 400. */
function text(name: string, value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw invalid(`Attribute '${name}' must be a string`);
}

/** `active` is a boolean; "true"/"false" strings are accepted as well because Entra ID sends them. */
export function parseBoolean(name: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
	throw invalid(`Attribute '${name}' must be a boolean`);
}

function multiValued(name: string, list: unknown, requireEmail: boolean): Array<{ value: string; type?: string; primary: boolean }> {
	if (!Array.isArray(list)) throw invalid(requireEmail ? PRIMARY_RULE : `Attribute '${name}' must be an array`);
	return list.map((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw invalid(`Each entry of '${name}' must be an object with a value`);
		const value = text(`${name}.value`, (entry as Input).value);
		if (value === undefined) throw invalid(`Each entry of '${name}' needs a value`);
		if (requireEmail && !EMAIL.test(value)) throw invalid(`Invalid email address: ${value}`);
		const type = text(`${name}.type`, (entry as Input).type);
		const primary = (entry as Input).primary;
		return { value, ...(type !== undefined ? { type } : {}), primary: primary === undefined || primary === null ? false : parseBoolean(`${name}.primary`, primary) };
	});
}

/**
 * The attributes Atlassian keeps, validated, from a create/PUT body or a patched copy of a user. Applies the rules
 * from the notes: `userName` non-empty; `emails` an array with exactly one primary; a timezone that is not an IANA
 * name is silently ignored (the previous value stays, on create nothing is stored); department/organization come
 * from the enterprise extension, else from the top level, and are echoed in both places. Attributes not in `input`
 * are absent from the result: that is PUT's "unspecified attributes are cleaned".
 */
export function normalizeUser(input: Input, previous?: UserDoc): Input {
	if (!input || typeof input !== 'object' || Array.isArray(input)) throw scimError(400, 'The request body must be a SCIM User object', 'invalidSyntax');
	const userName = text('userName', input.userName);
	if (userName === undefined || !userName.trim()) throw invalid('userName is required');
	const emails = multiValued('emails', input.emails, true);
	if (emails.filter((e) => e.primary).length !== 1) throw invalid(PRIMARY_RULE);
	const out: Input = { userName };
	if (input.name !== undefined && input.name !== null) {
		if (typeof input.name !== 'object' || Array.isArray(input.name)) throw invalid("Attribute 'name' must be an object");
		const name: Input = {};
		for (const part of NAME_PARTS) {
			const value = text(`name.${part}`, input.name[part]);
			if (value !== undefined) name[part] = value;
		}
		if (Object.keys(name).length) out.name = name;
	}
	for (const key of STRING_ATTRIBUTES) {
		const value = text(key, input[key]);
		if (value === undefined) continue;
		if (key === 'timezone' && !isValidTimezone(value)) {
			if (previous?.timezone !== undefined) out.timezone = previous.timezone;
			continue;
		}
		out[key] = value;
	}
	const ext = input[ENTERPRISE];
	if (ext !== undefined && ext !== null && (typeof ext !== 'object' || Array.isArray(ext))) throw invalid(`${ENTERPRISE} must be an object`);
	const enterprise: Input = {};
	for (const key of ENTERPRISE_STRINGS) {
		const value = text(key, ext?.[key] ?? input[key]);
		if (value === undefined) continue;
		enterprise[key] = value;
		out[key] = value;
	}
	const manager = ext?.manager;
	if (manager !== undefined && manager !== null) {
		const value = typeof manager === 'object' && !Array.isArray(manager) ? text('manager.value', manager.value) : text('manager', manager);
		if (value !== undefined) enterprise.manager = { value };
	}
	out.emails = emails;
	if (input.phoneNumbers !== undefined && input.phoneNumbers !== null) {
		const phones = multiValued('phoneNumbers', input.phoneNumbers, false);
		if (phones.length) out.phoneNumbers = phones;
	}
	// Not sent means the default (true), also on PUT: a PUT without `active` reactivates, as replace semantics imply.
	out.active = input.active === undefined || input.active === null ? true : parseBoolean('active', input.active);
	if (Object.keys(enterprise).length) out[ENTERPRISE] = enterprise;
	return out;
}

/** The stored document: fields plus the read-only parts Atlassian assigns. */
export function buildUser(fields: Input, base: { id: string; created: string; accountId: string | null }): UserDoc {
	return {
		schemas: [CORE_USER, ENTERPRISE, EXTERNAL],
		id: base.id,
		...fields,
		userName: fields.userName,
		[EXTERNAL]: { atlassianAccountId: base.accountId },
		meta: { resourceType: 'User', created: base.created, lastModified: new Date().toISOString() },
	};
}

/** The writable part of a stored user, as a patchable copy. */
export function editable(user: UserDoc): Input {
	const copy: Input = structuredClone(user);
	for (const key of ['schemas', 'id', 'meta', 'groups', EXTERNAL]) delete copy[key];
	return copy;
}
