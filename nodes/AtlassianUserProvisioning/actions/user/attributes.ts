import type { INodeProperties } from 'n8n-workflow';

import { NAME_PARTS, TEXT_ATTRIBUTES } from '../../models/userAttributes';
import { managerField } from './manager';

// The editor fields of a user's attributes. What their values become in SCIM is models/userAttributes.ts.

export const CLEARABLE_FIELDS = [
	...TEXT_ATTRIBUTES.map((a) => ({ name: a.label, value: a.key })),
	...NAME_PARTS.map(([key, label]) => ({ name: `Name: ${label}`, value: `name.${key}` })),
	{ name: 'Phone Numbers', value: 'phoneNumbers' },
	{ name: 'Manager', value: 'manager' },
].sort((a, b) => a.name.localeCompare(b.name));

const typeOptions = [
	{ name: 'Work', value: 'work' },
	{ name: 'Home', value: 'home' },
	{ name: 'Mobile', value: 'mobile' },
	{ name: 'Other', value: 'other' },
];

export const emailsField = (required: boolean): INodeProperties => ({
	displayName: 'Emails',
	name: 'emails',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	required,
	placeholder: 'Add Email',
	default: {},
	description: 'Email addresses of the user. Exactly one must be primary (a single email is made primary for you).',
	options: [
		{
			displayName: 'Email',
			name: 'email',
			values: [
				{ displayName: 'Email', name: 'value', type: 'string', placeholder: 'name@email.com', default: '' },
				{ displayName: 'Type', name: 'type', type: 'options', options: typeOptions, default: 'work' },
				{ displayName: 'Primary', name: 'primary', type: 'boolean', default: false, description: 'Whether this is the primary email' },
			],
		},
	],
});

const phoneNumbersField: INodeProperties = {
	displayName: 'Phone Numbers',
	name: 'phoneNumbers',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Phone Number',
	default: {},
	description: 'Phone numbers of the user; at most one primary',
	options: [
		{
			displayName: 'Phone Number',
			name: 'phone',
			values: [
				{ displayName: 'Number', name: 'value', type: 'string', placeholder: 'e.g. +1 555 0100', default: '' },
				{ displayName: 'Type', name: 'type', type: 'options', options: typeOptions, default: 'work' },
				{ displayName: 'Primary', name: 'primary', type: 'boolean', default: false, description: 'Whether this is the primary phone number' },
			],
		},
	],
};

/** Each Name part is a field of its own, added (and seen) one by one like every other attribute. */
const namePartFields: INodeProperties[] = NAME_PARTS.map(([key, label, description]) => ({
	displayName: key === 'formatted' ? 'Formatted Name' : label,
	name: key,
	type: 'string' as const,
	default: '',
	description: key === 'formatted' ? description : `${description} (part of the SCIM name)`,
}));

const activeField: INodeProperties = {
	displayName: 'Active',
	name: 'active',
	type: 'boolean',
	default: true,
	description: 'Whether the user is active (can sign in). Deactivate and Reactivate do only this.',
};

const userNameField = (required: boolean): INodeProperties => ({
	displayName: 'User Name',
	name: 'userName',
	type: 'string',
	required,
	default: '',
	placeholder: 'e.g. ada.lovelace@example.com',
	description: 'Unique identifier defined by the identity provider, usually the email',
});

/** The optional attributes as collection options, in alphabetical order (n8n convention). */
export function attributeOptions(withUserNameAndEmails: boolean): INodeProperties[] {
	const list: INodeProperties[] = [
		activeField,
		managerField,
		...namePartFields,
		phoneNumbersField,
		...TEXT_ATTRIBUTES.map((a) => ({
			displayName: a.label,
			name: a.key,
			type: 'string' as const,
			default: '',
			placeholder: a.placeholder,
			description: a.description,
		})),
	];
	if (withUserNameAndEmails) list.push(userNameField(false), emailsField(false));
	return list.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export { userNameField };

/**
 * Emails of Create and Replace. n8n marks a fixed collection as missing only through minRequiredFields (`required`
 * alone shows nothing).
 */
export function requiredEmailsField(show: Record<string, string[]>): INodeProperties {
	const field = emailsField(true);
	return { ...field, typeOptions: { ...field.typeOptions, minRequiredFields: 1 }, displayOptions: { show } };
}

/** A collection of the optional attributes, with or without User Name and Emails. */
export function attributeCollection(base: INodeProperties, withUserNameAndEmails: boolean): INodeProperties {
	return { ...base, options: attributeOptions(withUserNameAndEmails) };
}

