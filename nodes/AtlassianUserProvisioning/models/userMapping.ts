import type { IDataObject, INode, ResourceMapperField } from 'n8n-workflow';

import { asText, invalid, validEmail } from '../helpers/validation';
import { TEXT_ATTRIBUTES } from './userAttributes';

/**
 * The attributes Create or Update maps from its input, with the names the resource mapper shows and Map
 * Automatically looks for. Paths are SCIM PATCH paths, as in Update (name parts as `name.givenName`, department and
 * organization in the enterprise extension). Primary email and phone are single values here: an HR source has one
 * of each; the user's other emails and numbers are kept.
 */
export interface MappedAttribute {
	id: string;
	displayName: string;
	/** The PATCH path, or `primaryEmail` / `phone` / `manager` for the three that are not a plain value. */
	path: string;
	type: 'string' | 'boolean';
	/** Other input field names Map Automatically accepts (compared without case, spaces, `_` or `-`). */
	aliases: string[];
	canBeUsedToMatch?: boolean;
}

const text = (key: string) => TEXT_ATTRIBUTES.find((a) => a.key === key)!;

export const MAPPED_ATTRIBUTES: MappedAttribute[] = [
	{ id: 'userName', displayName: 'User Name', path: 'userName', type: 'string', aliases: ['login'], canBeUsedToMatch: true },
	{ id: 'primaryEmail', displayName: 'Primary Email', path: 'primaryEmail', type: 'string', aliases: ['email', 'mail', 'emailAddress', 'workEmail'], canBeUsedToMatch: true },
	{ id: 'externalId', displayName: 'External ID', path: 'externalId', type: 'string', aliases: [], canBeUsedToMatch: true },
	{ id: 'givenName', displayName: 'Given Name', path: 'name.givenName', type: 'string', aliases: ['firstName'] },
	{ id: 'familyName', displayName: 'Family Name', path: 'name.familyName', type: 'string', aliases: ['lastName', 'surname'] },
	{ id: 'displayName', displayName: 'Display Name', path: 'displayName', type: 'string', aliases: ['fullName'] },
	{ id: 'title', displayName: 'Title', path: 'title', type: 'string', aliases: ['jobTitle'] },
	{ id: 'department', displayName: 'Department', path: text('department').path, type: 'string', aliases: [] },
	{ id: 'organization', displayName: 'Organization', path: text('organization').path, type: 'string', aliases: ['company'] },
	{ id: 'phone', displayName: 'Phone', path: 'phone', type: 'string', aliases: ['phoneNumber', 'mobile', 'telephone'] },
	{ id: 'timezone', displayName: 'Timezone', path: 'timezone', type: 'string', aliases: ['tz'] },
	{ id: 'preferredLanguage', displayName: 'Preferred Language', path: 'preferredLanguage', type: 'string', aliases: ['language', 'locale'] },
	{ id: 'active', displayName: 'Active', path: 'active', type: 'boolean', aliases: ['enabled'] },
	{ id: 'manager', displayName: 'Manager', path: 'manager', type: 'string', aliases: ['managerUserName'] },
];

export type MatchKey = 'userName' | 'externalId' | 'primaryEmail';

export const MATCH_KEYS: MatchKey[] = ['userName', 'externalId', 'primaryEmail'];

/** Attributes that Fields to Clear can empty (the match keys and Active cannot be emptied). */
export const CLEARABLE = MAPPED_ATTRIBUTES.filter((a) => !a.canBeUsedToMatch && a.id !== 'active');

/** The resource mapper's fields: every attribute, user name matched on by default. */
export function mapperFields(): ResourceMapperField[] {
	return MAPPED_ATTRIBUTES.map((a) => ({
		id: a.id,
		displayName: a.displayName,
		required: false,
		defaultMatch: a.id === 'userName',
		canBeUsedToMatch: a.canBeUsedToMatch === true,
		display: true,
		type: a.type,
	}));
}

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/** Input field name (squashed) → attribute id. An attribute's own name wins over an alias of another. */
const BY_NAME = new Map<string, string>();
for (const a of MAPPED_ATTRIBUTES) for (const alias of a.aliases) BY_NAME.set(squash(alias), a.id);
for (const a of MAPPED_ATTRIBUTES) BY_NAME.set(squash(a.id), a.id);

/**
 * Map Automatically: the input item's fields whose names are attribute names or aliases, nothing evaluated. When an
 * item has both an attribute's name and an alias of it (`primaryEmail` and `email`), the attribute's name wins.
 */
export function autoMapped(json: IDataObject): IDataObject {
	const out: IDataObject = {};
	const named = Object.entries(json).map(([key, value]) => ({ key: squash(key), id: BY_NAME.get(squash(key)), value }));
	for (const { key, id, value } of named) if (id !== undefined && key === squash(id)) out[id] = value;
	for (const { id, value } of named) if (id !== undefined && !(id in out)) out[id] = value;
	return out;
}

/** What one input item asks for, validated: nothing here has been sent yet. */
export interface Wanted {
	itemIndex: number;
	/** The value matched on, as given. */
	key: string;
	/** Attribute id → value, only for attributes the item gives a value (empty text means "leave alone"). */
	values: Map<string, string | boolean>;
}

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

function parseActive(node: INode, itemIndex: number, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const word = String(value).trim().toLowerCase();
	if (['true', 'yes', '1', 'active', 'y'].includes(word)) return true;
	if (['false', 'no', '0', 'inactive', 'n'].includes(word)) return false;
	throw invalid(node, itemIndex, 'Active', `"${String(value)}" is not true or false`, 'true or false (also yes/no, 1/0)');
}

/** Validates one item's mapped fields (from Map Automatically or Map Each Field Below). */
export function readWanted(node: INode, itemIndex: number, fields: IDataObject, matchOn: MatchKey): Wanted {
	const values = new Map<string, string | boolean>();
	for (const attribute of MAPPED_ATTRIBUTES) {
		const raw = fields[attribute.id];
		if (blank(raw)) continue;
		const field = `${attribute.displayName} (${attribute.id})`;
		if (attribute.id === 'active') {
			values.set('active', parseActive(node, itemIndex, raw));
		} else if (attribute.id === 'primaryEmail') {
			values.set('primaryEmail', validEmail(node, itemIndex, field, raw));
		} else {
			const known = TEXT_ATTRIBUTES.find((a) => a.path === attribute.path);
			const value = known?.validate ? known.validate(node, itemIndex, raw) : (asText(node, itemIndex, field, raw, '"text"') ?? '').trim();
			values.set(attribute.id, value);
		}
	}
	const key = values.get(matchOn);
	if (typeof key !== 'string' || !key) {
		const attribute = MAPPED_ATTRIBUTES.find((a) => a.id === matchOn)!;
		throw invalid(
			node,
			itemIndex,
			`${attribute.displayName} (${attribute.id})`,
			'missing: users are matched on it, so every item needs one',
			matchOn === 'externalId' ? "the identity provider's ID, e.g. \"00u1abcd2345EfGHIjk6\"" : '"ada.lovelace@example.com"',
		);
	}
	return { itemIndex, key, values };
}

/**
 * How two match values compare at Atlassian: user names and emails without regard to case (unique without regard to
 * case), external IDs exactly (docs/atlassian-api.md §3, §5).
 */
export function sameKey(matchOn: MatchKey, key: string): string {
	return matchOn === 'externalId' ? key : key.toLowerCase();
}
