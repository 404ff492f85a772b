import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

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

/** A multi-valued attribute (emails, phone numbers): rows of a value, its type and whether it is the primary one. */
function multiValuedField(field: { displayName: string; name: string; row: string; rowName: string; value: INodeProperties; description: string; primary: string }): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${field.row}`,
		default: {},
		description: field.description,
		options: [
			{
				displayName: field.row,
				name: field.rowName,
				values: [
					field.value,
					{ displayName: 'Type', name: 'type', type: 'options', options: typeOptions, default: 'work' },
					{ displayName: 'Primary', name: 'primary', type: 'boolean', default: false, description: `Whether this is the primary ${field.primary}` },
				],
			},
		],
	};
}

export const emailsField = (required: boolean): INodeProperties => ({
	...multiValuedField({
		displayName: 'Emails',
		name: 'emails',
		row: 'Email',
		rowName: 'email',
		value: { displayName: 'Email', name: 'value', type: 'string', placeholder: 'name@email.com', default: '' },
		description: 'Email addresses of the user. Exactly one must be primary (a single email is made primary for you).',
		primary: 'email',
	}),
	required,
});

const phoneNumbersField = multiValuedField({
	displayName: 'Phone Numbers',
	name: 'phoneNumbers',
	row: 'Phone Number',
	rowName: 'phone',
	value: { displayName: 'Number', name: 'value', type: 'string', placeholder: 'e.g. +1 555 0100', default: '' },
	description: 'Phone numbers of the user; at most one primary',
	primary: 'phone number',
});

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
	const [entry] = field.options as INodePropertyCollection[];
	return {
		...field,
		typeOptions: { ...field.typeOptions, minRequiredFields: 1 },
		// One empty row to start with, its Email required: n8n's issue then names the field ('Parameter "Email" is
		// required.'), where a missing row only gets "At least 1 field is required".
		default: { email: [{ value: '', type: 'work', primary: false }] },
		options: [{ ...entry, values: entry.values.map((v) => (v.name === 'value' ? { ...v, required: true } : v)) }],
		displayOptions: { show },
	};
}

/** A collection of the optional attributes, with or without User Name and Emails. */
export function attributeCollection(base: INodeProperties, withUserNameAndEmails: boolean): INodeProperties {
	return { ...base, options: attributeOptions(withUserNameAndEmails) };
}

