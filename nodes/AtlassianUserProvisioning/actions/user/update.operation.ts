import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { attributesOption, excludedAttributesOption, optionsCollection, simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { attributeQuery, simplifyUser } from '../../helpers/output';
import { invalid } from '../../helpers/validation';
import { diff, sameValue, summary } from '../../models/changes';
import { labelOf, MANAGER_PATH, NAME_PARTS, pathOfField, readAttributes, TEXT_ATTRIBUTES, uniqueValues, userDocument, valueAt } from '../../models/userAttributes';
import { findUserByUserName } from '../../models/users';
import type { AtlassianClient } from '../../transport/client';
import { userPath } from '../../transport/paths';
import { PATCH_OP_SCHEMA } from '../../transport/schemas';
import type { Clients } from '../types';
import { attributeCollection, CLEARABLE_FIELDS, requiredEmailsField, userNameField } from './attributes';
import { listedUser } from './directoryReads';
import { linkLoss, lossChanges, lossFields } from './linkLoss';
import { findUser, readUserTarget, userLocator, writtenName, type UserTarget } from './locator';
import { managerGiven, readManagerTarget, resolveManager, type ManagerTarget } from './manager';
import { linkCheckFields, readLinkCheck, unlinkReason, unlinkRefused, type LinkCheck } from './unlinkGuard';

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
	...linkCheckFields(['update']),
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
	optionsCollection(show, [
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
	]),
];

async function getUser(client: AtlassianClient, id: string, i: number, label: string): Promise<IDataObject> {
	return (await client.request({ method: 'GET', path: userPath(id), itemIndex: i, subject: label, shape: 'resource' })).body;
}

/** Everything an Update item needs, read and validated before any request of the run. */
export interface UpdatePlan {
	target: UserTarget;
	mode: 'patch' | 'replace';
	values: Map<string, unknown>;
	cleared: string[];
	manager: ManagerTarget | undefined;
	query: ReturnType<typeof attributeQuery>;
	reportChanges: boolean;
	simplify: boolean;
	link: LinkCheck;
}

export function prepare(this: IExecuteFunctions, i: number): UpdatePlan {
	const node = this.getNode();
	const target = readUserTarget.call(this, i);
	const mode = this.getNodeParameter('updateMode', i, 'patch') as 'patch' | 'replace';
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const query = attributeQuery(node, i, options);

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
	const manager = readManagerTarget(node, i, fields);
	const link = readLinkCheck(this, i);
	return { target, mode, values, cleared, manager, query, reportChanges: options.output === 'changes', simplify: simplifyWanted(this, i), link };
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: UpdatePlan): Promise<IDataObject[]> {
	const node = this.getNode();
	const { mode, cleared, query, reportChanges } = plan;
	// A copy: the manager's ID is added to it, and the plan stays what was read.
	const values = new Map(plan.values);
	const client = await clients.scim();
	const manager = await resolveManager(node, i, plan.manager, async (userName) => await findUserByUserName(client, userName, i, { attributes: 'userName' }));
	if (manager) values.set(MANAGER_PATH, manager);
	// Read first, always: only real differences are sent (an update to an account the organization does not manage
	// unlinks it at Atlassian, so re-sending unchanged values, above all emails, is not harmless), and what the
	// update lost (the account link, group memberships) can only be told by comparing. With many items the
	// directory may be listed once instead of one read per item (directoryReads.ts).
	const listed = await listedUser.call(this, clients, client, plan.target);
	const ref = listed?.ref ?? (await findUser.call(this, client, plan.target, i));
	const before = listed?.user ?? ref.user ?? (await getUser(client, ref.id, i, ref.label));

	// With the Organization API credential, an update that would unlink the account is refused before it is sent.
	const guard = async (emails: unknown) => {
		if (!plan.link.check || plan.link.allowUnlink) return;
		const reason = await unlinkReason(await clients.admin(), clients, before, emails, i);
		if (reason) throw unlinkRefused(node, i, ref.label, reason);
	};

	let after: IDataObject;
	let sent = true;
	if (mode === 'replace') {
		await guard(values.get('emails'));
		const response = await client.request({ method: 'PUT', path: userPath(ref.id), query, body: { ...userDocument(values), id: ref.id }, itemIndex: i, subject: ref.label, shape: 'resource', unique: uniqueValues(values) });
		clients.wrote(i, writtenName(ref, before), 'replaced');
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
			await guard(operations.some((o) => o.path === 'emails') ? values.get('emails') : undefined);
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
			const changed = [...new Set(operations.map((o) => labelOf(String(o.path))))].join(', ');
			clients.wrote(i, writtenName(ref, before), `updated (${changed})`);
			after = Object.keys(response.body).length ? response.body : await getUser(client, ref.id, i, ref.label);
		}
	}

	// Attributes / Excluded Attributes shape Atlassian's answer: a field left out of it is not a cleared field (nor a
	// lost link), so the comparisons use the whole user, read once more.
	const projected = Boolean(query.attributes || query.excludedAttributes);
	const whole = !sent ? before : projected ? await getUser(client, ref.id, i, ref.label) : after;
	const loss = linkLoss(before, whole);
	if (!reportChanges) {
		const out = plan.simplify ? simplifyUser(after) : after;
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
			...(plan.simplify ? {} : { user: after }),
		},
	];
}
