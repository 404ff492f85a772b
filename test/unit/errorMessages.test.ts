// Every message that names the credential reads as one clean sentence: the credential named once, as
// `Atlassian … API credential "<name>"`, never wrapped again in quotes or followed by a second "credential", and
// Atlassian's own text (which often ends with a full stop) never followed by a second one.
import type { IDataObject, INode } from 'n8n-workflow';

import { apiError, redirectError, type ErrorContext, type FailedResponse } from '../../nodes/AtlassianUserProvisioning/transport/errors';
import type { ApiName } from '../../nodes/AtlassianUserProvisioning/transport/types';

const node = { id: 'n', name: 'Atlassian', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} } as INode;
const NAME = 'Org “prod” (EU)';

const bodies: Array<[string, number, IDataObject]> = [
	['400 SCIM', 400, { detail: 'Bad filter.', scimType: 'invalidFilter' }],
	['400 plain', 400, { detail: 'Invalid value.' }],
	['401', 401, { message: 'Unauthorized.' }],
	['403', 403, { message: 'Forbidden.' }],
	['403 scoped key', 403, { message: 'The API key does not have the required scopes.' }],
	['403 ADMIN code', 403, { errors: [{ code: 'ADMIN-403-1', title: 'Not allowed.' }] }],
	['403 forbidden', 403, { key: 'forbidden', context: {} }],
	['403 targetUnverified', 403, { key: 'forbidden.targetUnverified' }],
	['404', 404, { detail: 'Resource not found.' }],
	['409', 409, { detail: 'User already exists.' }],
	['429', 429, {}],
	['500', 500, { message: 'Oops.' }],
	['418', 418, { message: 'Teapot.' }],
];

const cases: Array<[string, ApiName, FailedResponse, Partial<ErrorContext>]> = [];
for (const api of ['scim', 'admin'] as const) {
	for (const [label, statusCode, body] of bodies) cases.push([`${api} ${label}`, api, { statusCode, body }, {}]);
	cases.push([`${api} 403 other orgs`, api, { statusCode: 403, body: {} }, { orgProbe: 'key-sees-other-orgs', organizationId: 'org-1' }]);
}

test.each(cases)('%s: the credential is named once, in one clean sentence', (_label, api, response, extra) => {
	const error = apiError(node, response, { api, itemIndex: 0, subject: 'user "ada@example.com"', attempts: 1, credentialName: NAME, ...extra });
	for (const text of [error.message, error.description ?? '']) {
		expect(text).not.toMatch(/""|"Atlassian/);
		expect(text).not.toMatch(/credential "[^"]*" credential/);
		expect(text).not.toMatch(/\.\./);
		const named = text.split(`credential "${NAME}"`).length - 1;
		expect(text.split(NAME).length - 1).toBe(named);
	}
	expect(`${error.message} ${error.description ?? ''}`).not.toMatch(/credential credential/);
});

test('the scoped-key error: one sentence that ends once, with the credential named as the admin named it', () => {
	const error = apiError(node, { statusCode: 403, body: { message: 'The API key does not have the required scopes.' } }, { api: 'admin', itemIndex: 0, attempts: 1, credentialName: 'Org prod' });
	expect(error.description).toBe(
		"Atlassian's answer: The API key does not have the required scopes. Create an organization API key WITHOUT scopes at admin.atlassian.com → Settings → API keys and put it in the Atlassian Organization API credential \"Org prod\".",
	);
});

test('a redirect names the credential once', () => {
	const error = redirectError(node, { statusCode: 302, location: 'https://elsewhere.example/x', url: 'https://api.atlassian.com/scim', key: 'k' }, { api: 'scim', itemIndex: 0, attempts: 1, credentialName: NAME });
	expect(error.message.split(NAME)).toHaveLength(2);
	expect(error.message).not.toMatch(/""/);
});
