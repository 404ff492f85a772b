import type { IDataObject, INode } from 'n8n-workflow';

import { asText, invalid, validEmail, validLanguage, validTimezone } from '../helpers/validation';
import { ENTERPRISE_SCHEMA, CORE_USER_SCHEMA } from '../transport/schemas';

/**
 * The SCIM user as the node reads and writes it: the attributes it knows, from parameter values to SCIM values and
 * back to labels for "what changed" reports. The editor fields that collect these values are in actions/user/.
 */

/** The parts of `name`, in the order Atlassian's docs list them. */
export const NAME_PARTS = [
	['formatted', 'Formatted', 'The full name, with middle names and honorifics, formatted for display'],
	['givenName', 'Given Name', 'First name'],
	['middleName', 'Middle Name', 'Middle name(s)'],
	['familyName', 'Family Name', 'Last name'],
	['honorificPrefix', 'Honorific Prefix', 'e.g. Dr.'],
	['honorificSuffix', 'Honorific Suffix', 'e.g. PhD'],
] as const;

interface TextAttribute {
	key: string;
	label: string;
	/** SCIM PATCH path. Department and organization live in the enterprise extension: that is where Atlassian reads them. */
	path: string;
	description: string;
	placeholder?: string;
	validate?: (node: INode, itemIndex: number, value: unknown) => string;
}

/** Single-valued text attributes, shared by Create, Update and Replace. */
export const TEXT_ATTRIBUTES: TextAttribute[] = [
	{ key: 'displayName', label: 'Display Name', path: 'displayName', description: "User's display name. Atlassian overwrites the profile's Full Name with it.", placeholder: 'e.g. Ada Lovelace' },
	{ key: 'nickName', label: 'Nick Name', path: 'nickName', description: "User's nickname: Atlassian shows it as the profile's Public Name", placeholder: 'e.g. Ada' },
	{ key: 'title', label: 'Title', path: 'title', description: "User's job title (Job Title in the Atlassian profile)", placeholder: 'e.g. Analyst' },
	{ key: 'department', label: 'Department', path: `${ENTERPRISE_SCHEMA}:department`, description: "User's department (sent in the enterprise extension, where Atlassian reads it)", placeholder: 'e.g. Engineering' },
	{ key: 'organization', label: 'Organization', path: `${ENTERPRISE_SCHEMA}:organization`, description: "User's organization (sent in the enterprise extension, where Atlassian reads it)", placeholder: 'e.g. Analytical Engines Ltd' },
	{ key: 'preferredLanguage', label: 'Preferred Language', path: 'preferredLanguage', description: "A BCP 47 language tag, used for the localized UI (the profile's Language)", placeholder: 'e.g. en-US', validate: validLanguage },
	{ key: 'timezone', label: 'Timezone', path: 'timezone', description: 'An IANA time zone name. Atlassian silently ignores anything else, so other values are refused.', placeholder: 'e.g. America/Los_Angeles', validate: validTimezone },
	{ key: 'externalId', label: 'External ID', path: 'externalId', description: "The identity provider's ID for the user (case-sensitive; you keep it unique)", placeholder: 'e.g. 00u1abcd2345EfGHIjk6' },
];

/**
 * The user's manager, in the enterprise extension's `manager.value`: IdPs write it there, and Atlassian Home reads
 * the manager from it (docs/atlassian-api.md, [HOME-manager]). Sent as the manager's SCIM user ID.
 */
export const MANAGER_PATH = `${ENTERPRISE_SCHEMA}:manager`;

export interface Multi {
	value: string;
	type: string;
	primary: boolean;
}

function multiValues(
	node: INode,
	itemIndex: number,
	label: string,
	rows: IDataObject[],
	check: (value: unknown, row: number) => string,
): Multi[] {
	return rows.map((row, i) => ({
		value: check(row.value, i),
		type: asText(node, itemIndex, `${label} ${i + 1}: Type`, row.type, '"work"') || 'work',
		primary: row.primary === true || row.primary === 'true',
	}));
}

export function readEmails(node: INode, itemIndex: number, raw: unknown): Multi[] {
	const rows = ((raw as IDataObject | undefined)?.email as IDataObject[] | undefined) ?? [];
	const emails = multiValues(node, itemIndex, 'Emails', rows, (v, i) => validEmail(node, itemIndex, `Emails ${i + 1}`, v));
	if (emails.length === 1) emails[0].primary = true;
	const primaries = emails.filter((e) => e.primary).length;
	if (emails.length > 1 && primaries !== 1) {
		throw invalid(node, itemIndex, 'Emails', `${primaries} emails are marked primary; exactly one must be`, 'one email with "Primary" on and the others off');
	}
	return emails;
}

export function readPhones(node: INode, itemIndex: number, raw: unknown): Multi[] {
	const rows = ((raw as IDataObject | undefined)?.phone as IDataObject[] | undefined) ?? [];
	const phones = multiValues(node, itemIndex, 'Phone Numbers', rows, (v, i) => {
		const text = asText(node, itemIndex, `Phone Numbers ${i + 1}`, v, '"+1 555 0100"')?.trim();
		if (!text) throw invalid(node, itemIndex, `Phone Numbers ${i + 1}`, 'must not be empty', '"+1 555 0100"');
		return text;
	});
	if (phones.filter((p) => p.primary).length > 1) {
		throw invalid(node, itemIndex, 'Phone Numbers', 'more than one number is marked primary', 'at most one number with "Primary" on');
	}
	return phones;
}

/**
 * Whether a text field is empty. n8n fills every part of a fixed collection (the Name parts) and every added
 * collection option with its empty default, so an empty field is one the user did not set: it is left alone
 * (Fields to Clear is how a value is emptied on purpose).
 */
function blank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The attributes a user set, validated, keyed by SCIM PATCH path (name parts as `name.givenName`, etc.). */
export function readAttributes(node: INode, itemIndex: number, fields: IDataObject): Map<string, unknown> {
	const values = new Map<string, unknown>();
	if (fields.userName !== undefined) {
		const userName = asText(node, itemIndex, 'User Name', fields.userName, '"ada.lovelace@example.com"')?.trim();
		if (!userName) throw invalid(node, itemIndex, 'User Name', 'must not be empty', '"ada.lovelace@example.com"');
		values.set('userName', userName);
	}
	if (fields.emails !== undefined) {
		const emails = readEmails(node, itemIndex, fields.emails);
		if (emails.length === 0) throw invalid(node, itemIndex, 'Emails', 'at least one email is needed', '"ada.lovelace@example.com" marked primary');
		values.set('emails', emails);
	}
	if (fields.active !== undefined) values.set('active', fields.active === true || fields.active === 'true');
	for (const attribute of TEXT_ATTRIBUTES) {
		if (blank(fields[attribute.key])) continue;
		const value = attribute.validate
			? attribute.validate(node, itemIndex, fields[attribute.key])
			: asText(node, itemIndex, attribute.label, fields[attribute.key], `"${attribute.placeholder?.replace(/^e\.g\. /, '') ?? 'text'}"`);
		values.set(attribute.path, value);
	}
	for (const [key, label] of NAME_PARTS) {
		if (blank(fields[key])) continue;
		values.set(`name.${key}`, asText(node, itemIndex, `Name: ${label}`, fields[key], '"Ada"'));
	}
	if (fields.phoneNumbers !== undefined) {
		// "Phone Numbers" added without a number is not a request to remove them all (Fields to Clear does that).
		const phones = readPhones(node, itemIndex, fields.phoneNumbers);
		if (phones.length) values.set('phoneNumbers', phones);
	}
	return values;
}

/** The values among these that Atlassian keeps unique (user name, emails), to name on a 409. */
export function uniqueValues(values: Map<string, unknown>): string[] {
	const emails = ((values.get('emails') as Array<{ value: string }> | undefined) ?? []).map((e) => e.value);
	const userName = values.get('userName');
	return [...(typeof userName === 'string' ? [userName] : []), ...emails];
}

/** A SCIM user document (for Create and Replace) from attribute values keyed by path. */
export function userDocument(values: Map<string, unknown>): IDataObject {
	const user: IDataObject = { schemas: [CORE_USER_SCHEMA] };
	const name: IDataObject = {};
	const enterprise: IDataObject = {};
	for (const [path, value] of values) {
		if (path.startsWith('name.')) name[path.slice(5)] = value as IDataObject[string];
		else if (path.startsWith(`${ENTERPRISE_SCHEMA}:`)) enterprise[path.slice(ENTERPRISE_SCHEMA.length + 1)] = value as IDataObject[string];
		else user[path] = value as IDataObject[string];
	}
	if (Object.keys(name).length) user.name = name;
	if (Object.keys(enterprise).length) {
		user[ENTERPRISE_SCHEMA] = enterprise;
		(user.schemas as string[]).push(ENTERPRISE_SCHEMA);
	}
	return user;
}

/** The value at a PATCH path in a user as Atlassian returns it (department/organization: extension first). */
export function valueAt(user: IDataObject, path: string): unknown {
	if (path.startsWith(`${ENTERPRISE_SCHEMA}:`)) {
		const key = path.slice(ENTERPRISE_SCHEMA.length + 1);
		return (user[ENTERPRISE_SCHEMA] as IDataObject | undefined)?.[key] ?? user[key];
	}
	if (path.startsWith('name.')) return (user.name as IDataObject | undefined)?.[path.slice(5)];
	return user[path];
}

/** A short, human label for a path, for "what changed" reports. */
export function labelOf(path: string): string {
	if (path === 'userName') return 'User Name';
	if (path === 'emails') return 'Emails';
	if (path === 'active') return 'Active';
	if (path === 'phoneNumbers') return 'Phone Numbers';
	if (path === MANAGER_PATH) return 'Manager';
	const part = NAME_PARTS.find(([key]) => `name.${key}` === path);
	if (part) return `Name: ${part[1]}`;
	return TEXT_ATTRIBUTES.find((a) => a.path === path)?.label ?? path;
}

/** Maps a clear-field choice (parameter value) to its PATCH path. */
export function pathOfField(key: string): string {
	if (key === 'manager') return MANAGER_PATH;
	return TEXT_ATTRIBUTES.find((a) => a.key === key)?.path ?? key;
}
