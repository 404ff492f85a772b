import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { attributesOption, excludedAttributesOption, simplifyOption } from '../../helpers/descriptions';
import { attributeQuery, simplifyUser } from '../../helpers/output';
import { apiError } from '../../transport/errors';
import { createdAfterLostAnswer, createdNote } from '../../transport/lostAnswers';
import type { Clients } from '../types';
import { attributeOptions, emailsField, readAttributes, uniqueValues, userDocument, userNameField } from './attributes';
import { findUserByUserName, USER_PATH } from './locator';

const show = { resource: ['user'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ ...userNameField(true), displayOptions: { show } },
	{ ...emailsField(true), displayOptions: { show } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: attributeOptions({ withUserNameAndEmails: false }),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [attributesOption, excludedAttributesOption, simplifyOption('user')],
	},
];

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
			throw apiError(node, { statusCode: 409, body: response.body }, { api: 'scim', itemIndex: i, subject: `user "${userName}"`, attempts: 1, unique });
		}
		user = { ...found, createNote: createdNote('user') };
	}
	return [options.simplify ? { ...simplifyUser(user), ...(user.createNote ? { createNote: user.createNote } : {}) } : user];
}
