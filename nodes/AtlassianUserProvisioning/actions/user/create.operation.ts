import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { attributesOption, excludedAttributesOption, optionsCollection, simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { attributeQuery, simplifyUser } from '../../helpers/output';
import { accountsByEmail } from '../../models/accounts';
import { MANAGER_PATH, readAttributes, uniqueValues, userDocument } from '../../models/userAttributes';
import { findUserByUserName } from '../../models/users';
import type { AtlassianClient } from '../../transport/client';
import { apiError } from '../../transport/errors';
import { createdAfterLostAnswer, createdNote } from '../../transport/lostAnswers';
import { USER_PATH } from '../../transport/paths';
import type { Clients } from '../types';
import { attributeCollection, requiredEmailsField, userNameField } from './attributes';
import { readManagerTarget, resolveManager, type ManagerTarget } from './manager';
import { verifiedDomains } from './unlinkGuard';

const show = { resource: ['user'], operation: ['create'] };

/** Shows the Organization API credential on Create while it is on (see the node's credentials). */
export const ACCOUNT_ORIGIN_PARAMETER = 'reportAccountOrigin';

export const description: INodeProperties[] = [
	{ ...userNameField(true), displayOptions: { show } },
	requiredEmailsField(show),
	{
		displayName: 'Say Whether the Account Existed',
		name: ACCOUNT_ORIGIN_PARAMETER,
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			'Whether to add accountOrigin to the output: "existing" when Atlassian linked an account the organization already had (same email), "new" when it made one, "unknown" for an email outside the verified domains (an account elsewhere may have been linked). SCIM does not say; this asks the Organizations API first, so it needs an Atlassian Organization API credential.',
	},
	attributeCollection(
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: { show } },
		false,
	),
	simplifyField('user', show),
	optionsCollection(show, [
			attributesOption,
			excludedAttributesOption,
			{
				displayName: 'If User Exists',
				name: 'ifExists',
				type: 'options',
				default: 'error',
				description: 'What to do when Atlassian answers that the user already exists (409)',
				options: [
					{ name: 'Fail', value: 'error', description: 'The item fails with a conflict error' },
					{
						name: 'Return Existing User',
						value: 'return',
						description: 'Output the existing user, unchanged, found by user name or by one of the emails used as user name (with alreadyExisted: true)',
					},
				],
			},
	]),
];

/**
 * The user a 409 was about: Atlassian keeps user names and emails unique, and SCIM filters only by user name, so
 * the user name is tried, then each email as a user name (identity providers usually set one to the other).
 */
async function findExisting(client: AtlassianClient, unique: string[], i: number, query: IDataObject): Promise<IDataObject | undefined> {
	for (const value of new Set(unique)) {
		const found = await findUserByUserName(client, value, i, query as Record<string, string | undefined>);
		if (found?.id) return found;
	}
	return undefined;
}

/** Everything a Create item needs, read and validated before any request of the run. */
export interface CreatePlan {
	values: Map<string, unknown>;
	manager: ManagerTarget | undefined;
	options: IDataObject;
	query: ReturnType<typeof attributeQuery>;
	reportOrigin: boolean;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, i: number): CreatePlan {
	const node = this.getNode();
	const fields = {
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		userName: this.getNodeParameter('userName', i, ''),
		emails: this.getNodeParameter('emails', i, {}),
	};
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const reportOrigin = this.getNodeParameter(ACCOUNT_ORIGIN_PARAMETER, i, false) === true;
	if (reportOrigin && !node.credentials?.atlassianOrganizationApi) {
		throw new NodeOperationError(node, 'Say Whether the Account Existed needs an Atlassian Organization API credential', {
			itemIndex: i,
			description: 'Choose one under "Atlassian Organization API Credential", or turn Say Whether the Account Existed off.',
		});
	}
	return { values: readAttributes(node, i, fields), manager: readManagerTarget(node, i, fields), options, query: attributeQuery(node, i, options), reportOrigin, simplify: simplifyWanted(this, i) };
}

/**
 * Before the create: does the organization already have an account with the primary email (Atlassian links it),
 * or will one be made? Only an email on a verified domain can be said to get a new account: for any other, an
 * account outside the organization may exist and be linked.
 */
async function accountOrigin(clients: Clients, values: Map<string, unknown>, i: number): Promise<'existing' | 'new' | 'unknown'> {
	const emails = (values.get('emails') as Array<{ value: string; primary: boolean }> | undefined) ?? [];
	const email = (emails.find((e) => e.primary) ?? emails[0])?.value;
	if (!email) return 'unknown';
	const admin = await clients.admin();
	if ((await accountsByEmail(admin, [email], '-', i)).has(email.toLowerCase())) return 'existing';
	return (await verifiedDomains(admin, clients, i)).has(email.split('@').pop()!.toLowerCase()) ? 'new' : 'unknown';
}

export async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: CreatePlan): Promise<IDataObject[]> {
	const node = this.getNode();
	const { options, query } = plan;
	const values = new Map(plan.values);
	const userName = String(values.get('userName'));
	const unique = uniqueValues(values);
	const client = await clients.scim();
	const manager = await resolveManager(node, i, plan.manager, async (name) => await findUserByUserName(client, name, i, { attributes: 'userName' }));
	if (manager) values.set(MANAGER_PATH, manager);
	const origin = plan.reportOrigin ? await accountOrigin(clients, values, i) : undefined;
	const startedAt = Date.now();
	const response = await client.request({
		method: 'POST',
		path: USER_PATH,
		query,
		body: userDocument(values),
		itemIndex: i,
		subject: `user "${userName}"`,
		expect: [409],
		idempotent: false,
		shape: 'resource',
		unique,
	});
	let user = response.body;
	if (response.statusCode !== 409) clients.wrote(i, userName, 'created');
	if (response.statusCode === 409) {
		// A create is never re-sent blindly: when an earlier attempt's answer was lost, a 409 may mean that
		// attempt succeeded. Look the user up and say what happened instead of reporting a false conflict.
		const found = await createdAfterLostAnswer(response, startedAt, async () => await findUserByUserName(client, userName, i, query));
		if (!found) {
			if (options.ifExists === 'return') {
				const existing = await findExisting(client, unique, i, query);
				if (existing) {
					const note = 'The user already existed (Atlassian answered 409); this is the existing user, unchanged.';
					return [{ ...(plan.simplify ? simplifyUser(existing) : existing), alreadyExisted: true, createNote: note }];
				}
			}
			throw apiError(node, { statusCode: 409, body: response.body }, { api: 'scim', itemIndex: i, subject: `user "${userName}"`, attempts: 1, unique });
		}
		clients.wrote(i, userName, 'created');
		user = { ...found, createNote: createdNote('user') };
	}
	const out = plan.simplify ? { ...simplifyUser(user), ...(user.createNote ? { createNote: user.createNote } : {}) } : user;
	return [origin ? { ...out, accountOrigin: origin } : out];
}
