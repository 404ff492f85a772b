import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { attributesOption, excludedAttributesOption, simplifyField, simplifyWanted } from '../../helpers/descriptions';
import { attributeQuery, simplifyUser } from '../../helpers/output';
import { apiError } from '../../transport/errors';
import { createdAfterLostAnswer, createdNote } from '../../transport/lostAnswers';
import type { AtlassianClient } from '../../transport/client';
import type { Clients } from '../types';
import { attributeCollection, readAttributes, requiredEmailsField, uniqueValues, userDocument, userNameField } from './attributes';
import { findUserByUserName, USER_PATH } from './locator';
import { MANAGER_PATH, readManager } from './manager';

const show = { resource: ['user'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ ...userNameField(true), displayOptions: { show } },
	requiredEmailsField(show),
	attributeCollection(
		{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: { show } },
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
		],
	},
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

export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const node = this.getNode();
	const fields = {
		...(this.getNodeParameter('additionalFields', i, {}) as IDataObject),
		userName: this.getNodeParameter('userName', i, ''),
		emails: this.getNodeParameter('emails', i, {}),
	};
	const values = readAttributes(node, i, fields);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const query = attributeQuery(node, i, options);
	const userName = String(values.get('userName'));
	const unique = uniqueValues(values);
	const client = await clients.scim();
	const manager = await readManager.call(this, client, i, fields, async (name) => await findUserByUserName(client, name, i, { attributes: 'userName' }));
	if (manager) values.set(MANAGER_PATH, manager);
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
	if (response.statusCode === 409) {
		// A create is never re-sent blindly: when an earlier attempt's answer was lost, a 409 may mean that
		// attempt succeeded. Look the user up and say what happened instead of reporting a false conflict.
		const found = await createdAfterLostAnswer(response, startedAt, async () => await findUserByUserName(client, userName, i, query));
		if (!found) {
			if (options.ifExists === 'return') {
				const existing = await findExisting(client, unique, i, query);
				if (existing) {
					const note = 'The user already existed (Atlassian answered 409); this is the existing user, unchanged.';
					return [{ ...(simplifyWanted(this, i) ? simplifyUser(existing) : existing), alreadyExisted: true, createNote: note }];
				}
			}
			throw apiError(node, { statusCode: 409, body: response.body }, { api: 'scim', itemIndex: i, subject: `user "${userName}"`, attempts: 1, unique });
		}
		user = { ...found, createNote: createdNote('user') };
	}
	return [simplifyWanted(this, i) ? { ...simplifyUser(user), ...(user.createNote ? { createNote: user.createNote } : {}) } : user];
}
