// What the model of n8n's AI Agent is told about each operation when the node runs as its tool
// ("Atlassian User Provisioning Tool"). n8n sends the tool's `toolDescription` parameter as the tool description,
// and only the `$fromAI()` arguments as its JSON schema, so everything a model needs to call the operation right
// (what it does, what it needs, what it returns, what it cannot do) is said here.
//
// The description is one text per operation, fixed before the admin picks which parameters the model fills:
// n8n 2.41 sends the Description field as it is (an expression there would be run, but the editor would show code),
// and builds the schema from the $fromAI() calls alone (additionalProperties: false). So no description names an
// optional filter: each says that the tool filters by its own arguments, which are exactly the schema's.

const USER_REF =
	'The user is given as its user name (usually the email; exact, not case-sensitive) or its SCIM user ID (the "id" returned by Get Many users, a UUID). It is never an Atlassian account ID.';
const USER_FIELDS =
	'id (SCIM user ID), userName, displayName, givenName and familyName (when they are not the displayName), primaryEmail (when it differs from userName), active, title, department, organization, timezone, preferredLanguage, nickName, primaryPhone, externalId, atlassianAccountId, groups';
const GROUP_REF = 'The group is given as its name (exact) or its SCIM group ID.';
const ACCOUNT_REF =
	'The account is given as its Atlassian account ID (e.g. 5f45327791e67a003fed461e) or its email (exact). It is not a SCIM user ID.';
const LISTS = 'Empty values are left out of the answer; a long list is cut, with a "note" item saying so.';
/** For operations with optional filters: the schema holds only those the admin gave to the model. */
const OWN_ARGUMENTS = (what: string) => `It filters only by its own arguments, if it has any; leave them empty to list ${what}.`;

/** resource → operation → description; operations not listed fall back to their option description. */
export const TOOL_DESCRIPTIONS: Record<string, Record<string, string>> = {
	user: {
		get: `Get one SCIM user of the Atlassian directory (the user record the identity provider provisioned). ${USER_REF} Returns ${USER_FIELDS}. Cannot search by name or part of an email: use Get Many users with the exact user name, or Get Many accounts with a search term.`,
		getAll: `List SCIM users of the Atlassian directory, or find one. ${OWN_ARGUMENTS('users')} Atlassian matches users only exactly: there is no search by part of a name or email, by department or by status. Returns per user ${USER_FIELDS}. ${LISTS}`,
		update: `Change fields of one SCIM user in the Atlassian directory; only values that differ from the current ones are sent. ${USER_REF} Returns what changed (each field with its value before and after) when the node's Output is What Changed, else the updated user. Changing the email or user name of an account the organization does not manage unlinks it from its Atlassian account.`,
		create: `Create a SCIM user in the Atlassian directory (or link the existing managed account with the same email). Needs a user name (usually the email) and an email. Returns the new user: ${USER_FIELDS}. Fails when the user name is taken.`,
		deactivate: `Deactivate one SCIM user: the user can no longer sign in; Reactivate undoes it. ${USER_REF} Returns the user with active false.`,
		reactivate: `Reactivate one deactivated SCIM user so that it can sign in again. ${USER_REF} Returns the user with active true.`,
		delete: `Delete the SCIM record of one user from the Atlassian directory. Cannot be undone; to only block sign-in, use Deactivate. ${USER_REF}`,
		deleteInDb: 'Delete the SCIM records of Atlassian accounts in every directory of the organization (organization API). Needs Atlassian account IDs, not SCIM user IDs or emails. Cannot be undone.',
		getScimLinks: 'Find the SCIM records linked to an Atlassian account, given its Atlassian account ID or email (organization API). Returns the directory and SCIM user ID of each link.',
		unlink: 'Unlink a SCIM user from its Atlassian account without deleting either (organization API). Needs the SCIM user ID and its directory.',
	},
	group: {
		get: `Get one SCIM group of the Atlassian directory with its members. ${GROUP_REF} Returns id, name, externalId, memberCount, memberNames (a long member list is cut, with a "note"; memberCount is the total). Empty values are left out.`,
		getAll: `List the SCIM groups of the Atlassian directory, or find one. ${OWN_ARGUMENTS('groups')} Atlassian matches only exactly. Returns per group id, name, externalId, memberCount, memberNames (a long member list is cut, with a "note"). ${LISTS}`,
		create: 'Create a SCIM group in the Atlassian directory. Needs a name that no group has; a group cannot be renamed later. Returns the new group.',
		delete: `Delete one SCIM group, also from the sites: its members may lose the product access it gave. Cannot be undone. ${GROUP_REF}`,
		addMembers: `Add users to one SCIM group (users already in it stay once). ${GROUP_REF} Users are given by user name (usually the email) or SCIM user ID.`,
		removeMembers: `Remove users from one SCIM group. ${GROUP_REF} Users are given by user name (usually the email) or SCIM user ID.`,
	},
	account: {
		search: `Find or list the Atlassian accounts of the organization (organization API). ${OWN_ARGUMENTS('accounts')} Returns per account accountId, name, email, status, claimStatus (managed or not), jobTitle, department and more. ${LISTS}`,
		getAccount: `Get one Atlassian account of the organization. ${ACCOUNT_REF} Returns accountId, name, email, status, claimStatus and profile fields.`,
		getLastActive: `When one Atlassian account was last active, per product. ${ACCOUNT_REF}`,
		getProfile: `Get the profile of one managed Atlassian account. ${ACCOUNT_REF}`,
		getApiTokens: `List the API tokens of one managed Atlassian account. ${ACCOUNT_REF}`,
	},
};

/** The account operations' shared note, for those without a description of their own. */
export const RESOURCE_NOTES: Record<string, string> = {
	user: USER_REF,
	group: GROUP_REF,
	account: ACCOUNT_REF,
};
