import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { attributesOption, excludedAttributesOption, simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { attributeQuery, simplifyUser } from '../../helpers/output';
import { invalid } from '../../helpers/validation';
import type { AtlassianClient } from '../../transport/client';
import { PATCH_OP_SCHEMA } from '../../transport/schemas';
import type { Clients } from '../types';
import {
	attributeCollection,
	CLEARABLE_FIELDS,
	NAME_PARTS,
	pathOfField,
	readAttributes,
	requiredEmailsField,
	TEXT_ATTRIBUTES,
	userDocument,
	uniqueValues,
	userNameField,
	valueAt,
} from './attributes';
import { diff, sameValue, summary } from './changes';
import { linkLoss, lossChanges, lossFields } from './linkLoss';
import { findUserByUserName, resolveUser, userLocator, userPath } from './locator';
import { MANAGER_PATH, managerGiven, readManager } from './manager';

const show = { resource: ['user'], operation: ['update'] };
const showPatch = { ...show, updateMode: ['patch'] };
const showReplace = { ...show, updateMode: ['replace'] };

/** Every attribute a Replace sends or clears, for its "what changed" report. */
const ALL_PATHS = [
	'userName',
	'emails',
	'active',
	'phoneNumbers',
	...TEXT_ATTRIBUTES.map((a) => a.path),
	...NAME_PARTS.map(([key]) => `name.${key}`),
	MANAGER_PATH,
];

export const description: INodeProperties[] = [
	userLocator(['update']),
	{
		displayName: 'Update Mode',
		name: 'updateMode',
		type: 'options',
		default: 'patch',
		displayOptions: { show },
		options: [
			{
				name: 'Change Only the Fields Set',
				value: 'patch',
				description: 'Sends only the fields set below (SCIM PATCH); everything else, and any field left empty, stays as it is',
			},
			{
				name: 'Replace Whole User',
				value: 'replace',
				description: 'Sends the whole user: anything not set below is cleared',
			},
		],
	},
	{
		// The dropdown's description is seen only while it is open: once chosen, this says what the mode does.
		displayName:
			'Replace Whole User clears at Atlassian every attribute not set below, including any field left empty. To change only some fields, choose Change Only the Fields Set.',
		name: 'replaceNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showReplace },
	},
	attributeCollection(
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showPatch },
			description: 'Only fields with a value are sent: a field or Name part left empty is left alone (to empty one, use Fields to Clear)',
		},
		true,
	),
	{
		displayName: 'Fields to Clear',
		name: 'fieldsToClear',
		type: 'multiOptions',
		default: [],
		displayOptions: { show: showPatch },
		options: CLEARABLE_FIELDS,
		description: 'Attributes to empty on purpose (a field left out of Update Fields is never touched)',
	},
	{
		...userNameField(true),
		// The User locator above may show the same email (Name mode): this one is the value the user gets.
		hint: 'The new value: the user chosen above gets this user name (type the current one to keep it)',
		displayOptions: { show: showReplace },
	},
	requiredEmailsField(showReplace),
	attributeCollection(
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show: showReplace },
			description: 'Anything not set here, or left empty (such as a Name part), is cleared at Atlassian',
		},
		false,
	),
	simplifyField('user', show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			attributesOption,
			excludedAttributesOption,
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'user',
				options: [
					{ name: 'Updated User', value: 'user', description: 'The user as Atlassian returns it after the update (with a warning when Atlassian unlinked the account or dropped groups)' },
					{
						name: 'What Changed',
						value: 'changes',
						description:
							'ID, user name, and each changed field with its value before and after, including a lost account link or group memberships',
					},
				],
			},
		],
	},
];

async function getUser(client: AtlassianClient, id: string, i: number, label: string): Promise<IDataObject> {
	return (await client.request({ method: 'GET', path: userPath(id), itemIndex: i, subject: label, shape: 'resource' })).body;
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const mode = this.getNodeParameter('updateMode', i, 'patch') as 'patch' | 'replace';
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const query = attributeQuery(node, i, options);
	const reportChanges = options.output === 'changes';
	const simplify = simplifyWanted(this, i);

	let values: Map<string, unknown>;
	let fields: IDataObject;
	let cleared: string[] = [];
	if (mode === 'patch') {
		fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		values = readAttributes(node, i, fields);
		cleared = (this.getNodeParameter('fieldsToClear', i, []) as string[]).map(pathOfField);
		const both = cleared.find((path) => values.has(path) || (path === MANAGER_PATH && managerGiven(fields)));
		if (both) throw invalid(node, i, 'Fields to Clear', `"${both}" is both set and cleared`, 'a field in only one of Update Fields and Fields to Clear');
		if (values.size === 0 && cleared.length === 0 && !managerGiven(fields)) {
			throw invalid(node, i, 'Update Fields', 'nothing to update', 'at least one field under Update Fields, or a choice in Fields to Clear');
		}
	} else {
		fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
		values = readAttributes(node, i, {
			...fields,
			userName: this.getNodeParameter('userName', i, ''),
			emails: this.getNodeParameter('emails', i, {}),
		});
	}

	const client = await clients.scim();
	const manager = await readManager.call(this, client, i, fields, async (userName) => await findUserByUserName(client, userName, i, { attributes: 'userName' }));
	if (manager) values.set(MANAGER_PATH, manager);
	const ref = await resolveUser.call(this, client, i);
	// Read first, always: only real differences are sent (an update to an account the organization does not manage
	// unlinks it at Atlassian, so re-sending unchanged values, above all emails, is not harmless), and what the
	// update lost (the account link, group memberships) can only be told by comparing.
	const before = ref.user ?? (await getUser(client, ref.id, i, ref.label));

	let after: IDataObject;
	let sent = true;
	if (mode === 'replace') {
		const response = await client.request({ method: 'PUT', path: userPath(ref.id), query, body: { ...userDocument(values), id: ref.id }, itemIndex: i, subject: ref.label, shape: 'resource', unique: uniqueValues(values) });
		after = response.body;
	} else {
		const operations: IDataObject[] = [];
		for (const [path, value] of values) {
			if (sameValue(valueAt(before, path), value)) continue;
			operations.push({ op: 'replace', path, value: value as IDataObject[string] });
		}
		for (const path of cleared) {
			if (sameValue(valueAt(before, path), null)) continue;
			operations.push({ op: 'remove', path });
		}
		if (operations.length === 0) {
			// Nothing differs, so nothing is sent; the output still honours Attributes / Excluded Attributes.
			sent = false;
			after = query.attributes || query.excludedAttributes ? (await client.request({ method: 'GET', path: userPath(ref.id), query, itemIndex: i, subject: ref.label, shape: 'resource' })).body : before;
		} else {
			const response = await client.request({
				method: 'PATCH',
				path: userPath(ref.id),
				query,
				body: { schemas: [PATCH_OP_SCHEMA], Operations: operations },
				itemIndex: i,
				subject: ref.label,
				shape: 'resource',
				unique: uniqueValues(values),
			});
			after = Object.keys(response.body).length ? response.body : await getUser(client, ref.id, i, ref.label);
		}
	}

	// Attributes / Excluded Attributes shape Atlassian's answer: a field left out of it is not a cleared field (nor a
	// lost link), so the comparisons use the whole user, read once more.
	const projected = Boolean(query.attributes || query.excludedAttributes);
	const whole = !sent ? before : projected ? await getUser(client, ref.id, i, ref.label) : after;
	const loss = linkLoss(before, whole);
	if (!reportChanges) {
		const out = simplify ? simplifyUser(after) : after;
		return [loss ? { ...out, ...lossFields(loss) } : out];
	}
	const paths = mode === 'replace' ? ALL_PATHS : [...values.keys(), ...cleared];
	const changes = [...diff(before, whole, paths), ...(loss ? lossChanges(loss, before, whole) : [])];
	return [
		{
			id: after.id ?? ref.id,
			userName: after.userName ?? before.userName,
			displayName: after.displayName ?? before.displayName ?? null,
			changed: changes.length > 0,
			changes,
			summary: summary(changes),
			...(loss ? lossFields(loss) : {}),
			...(simplify ? {} : { user: after }),
		},
	];
}
