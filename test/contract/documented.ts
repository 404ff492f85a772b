/**
 * Answers in the shapes Atlassian documents (docs/atlassian-api.md; the examples on Atlassian's reference pages and a
 * recorded answer quoted there), written out once. test/contract/contract.test.ts feeds them to the node's parsing
 * and holds the sandbox's answers against them, so the node and the sandbox cannot drift into the same wrong
 * assumption. Identifiers are made up; shapes, field names, types and spellings are Atlassian's.
 */
const DIRECTORY = '315e0b2c-3c13-4b7a-9c4e-5f5e0d2f6a10';
const USER_ID = 'a59238e6-487e-451d-a534-d67aa4c48350';
export const ACCOUNT_ID = '5f45327791e67a003fed461e';
const GROUP_ID = 'b1a2c3d4-0000-4000-8000-00000000aaaa';

/** A user as GET /Users/{id} answers it: the recorded answer in docs/atlassian-api.md §3 [UP-users]. */
export const user = {
	schemas: ['urn:scim:schemas:extension:atlassian-external:1.0', 'urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
	userName: 'grace.hopper@example.com',
	emails: [{ value: 'grace.hopper@example.com', type: 'work', primary: true }],
	name: { familyName: 'Hopper', givenName: 'Grace' },
	displayName: 'Grace Hopper',
	meta: {
		resourceType: 'User',
		location: `https://api.atlassian.com/scim/directory/${DIRECTORY}/Users/${USER_ID}`,
		lastModified: '2021-02-21T11:57:56.537169Z',
		created: '2021-02-21T11:57:56.537169Z',
	},
	groups: [],
	'urn:scim:schemas:extension:atlassian-external:1.0': { atlassianAccountId: ACCOUNT_ID },
	id: USER_ID,
	active: true,
};

/** GET /Users: a ListResponse, `Resources` with a capital R (§5). */
export const userList = {
	schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
	totalResults: 1,
	startIndex: 1,
	itemsPerPage: 1,
	Resources: [user],
};

/** GET /Groups/{id} (§4 [UP-groups]): members by SCIM user id. */
export const group = {
	schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
	id: GROUP_ID,
	displayName: 'engineering',
	members: [{ type: 'User', value: USER_ID, display: 'grace.hopper@example.com', $ref: `https://api.atlassian.com/scim/directory/${DIRECTORY}/Users/${USER_ID}` }],
	meta: { resourceType: 'Group', location: `https://api.atlassian.com/scim/directory/${DIRECTORY}/Groups/${GROUP_ID}`, created: '2021-02-21T11:57:56.537169Z', lastModified: '2021-02-21T11:57:56.537169Z' },
};

/** A SCIM error (§6 shape 1): `status` is a string. The 409 is the recorded one from Atlassian's KB [KB-409]. */
export const conflict = {
	schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
	status: '409',
	scimType: 'uniqueness',
	detail: 'Resource [USER]: with email[grace.hopper@example.com] already exists.',
};

export const notFound = {
	schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
	status: '404',
	detail: `Resource [USER]: with id[${USER_ID}] not found.`,
};

/** The gateway's error (§6 shape 2), for 401 and 403. */
export const gateway = { error: `Not authorized to access : scim/directory/${DIRECTORY}/Users`, traceId: '6f1c9e0b2a7d4e31' };

/** The Java-style 400 of PUT /Groups/{id} (§6 shape 3). */
export const javaBadRequest = { message: 'Users referenced do not exist', scimErrorType: 'invalidValue', responseStatus: 'BAD_REQUEST' };

/** get-scim-links / get-scim-links-for-email (§8 [JIRAJS-links]). */
export const scimLinks = {
	scimLinks: [{ scimUserId: USER_ID, atlassianAccountId: ACCOUNT_ID, orgId: 'org-0000-0001', directoryId: DIRECTORY }],
};
