import type { IDataObject, INode } from 'n8n-workflow';

import { ATLASSIAN_EXTERNAL_SCHEMA, ENTERPRISE_SCHEMA } from '../transport/schemas';
import { asText, invalid } from './validation';

function primaryOf(list: unknown): string | undefined {
	if (!Array.isArray(list)) return undefined;
	const entries = list as IDataObject[];
	const entry = entries.find((e) => e.primary === true) ?? entries[0];
	return entry?.value as string | undefined;
}

/** The Atlassian account ID (needed by Delete in DB and the SCIM links operations). */
export function atlassianAccountIdOf(user: IDataObject): string | null {
	const external = user[ATLASSIAN_EXTERNAL_SCHEMA] as IDataObject | undefined;
	return (external?.atlassianAccountId as string | undefined) ?? null;
}

/** Flat fields for email templates and spreadsheets. */
export function simplifyUser(user: IDataObject): IDataObject {
	const name = (user.name as IDataObject | undefined) ?? {};
	const enterprise = (user[ENTERPRISE_SCHEMA] as IDataObject | undefined) ?? {};
	const meta = (user.meta as IDataObject | undefined) ?? {};
	const groups = Array.isArray(user.groups) ? (user.groups as IDataObject[]) : [];
	return {
		id: user.id,
		userName: user.userName,
		displayName: user.displayName ?? null,
		givenName: name.givenName ?? null,
		familyName: name.familyName ?? null,
		primaryEmail: primaryOf(user.emails) ?? null,
		active: user.active ?? null,
		title: user.title ?? null,
		department: enterprise.department ?? user.department ?? null,
		organization: enterprise.organization ?? user.organization ?? null,
		timezone: user.timezone ?? null,
		preferredLanguage: user.preferredLanguage ?? null,
		nickName: user.nickName ?? null,
		primaryPhone: primaryOf(user.phoneNumbers) ?? null,
		externalId: user.externalId ?? null,
		atlassianAccountId: atlassianAccountIdOf(user),
		groups: groups.map((g) => g.display ?? g.value),
		created: meta.created ?? null,
		lastModified: meta.lastModified ?? null,
	};
}

export function simplifyGroup(group: IDataObject): IDataObject {
	const members = Array.isArray(group.members) ? (group.members as IDataObject[]) : [];
	return {
		id: group.id,
		name: group.displayName,
		externalId: group.externalId ?? null,
		memberCount: members.length,
		memberNames: members.map((m) => m.display ?? m.value),
	};
}

/** `attributes` / `excludedAttributes` query parameters; Atlassian treats them as mutually exclusive. */
export function attributeQuery(
	node: INode,
	itemIndex: number,
	options: IDataObject,
): { attributes?: string; excludedAttributes?: string } {
	const clean = (field: string, value: unknown) =>
		(asText(node, itemIndex, field, value, '"userName,emails.value"') ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean)
			.join(',');
	const attributes = clean('Attributes', options.attributes);
	const excludedAttributes = clean('Excluded Attributes', options.excludedAttributes);
	if (attributes && excludedAttributes) {
		throw invalid(
			node,
			itemIndex,
			'Attributes',
			'Attributes and Excluded Attributes cannot be used together (Atlassian treats them as mutually exclusive)',
			'only one of them, e.g. Attributes "userName,emails.value"',
		);
	}
	return { attributes: attributes || undefined, excludedAttributes: excludedAttributes || undefined };
}
