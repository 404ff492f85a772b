import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isToolRun } from '../../helpers/tool';
import { invalid, requireText } from '../../helpers/validation';
import { findUserByUserName, findUsersByExternalId } from '../../models/users';
import type { AtlassianClient } from '../../transport/client';
import { SCIM_ID, userPath } from '../../transport/paths';

/** Pick a user from a searchable list, by user name (resolved with the `userName eq` filter) or by SCIM ID. */
export const userLocator = (operations: string[]): INodeProperties => ({
	displayName: 'User',
	name: 'userId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The SCIM user (not the Atlassian account ID)',
	displayOptions: { show: { resource: ['user'], operation: operations } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a user...',
			typeOptions: { searchListMethod: 'searchUsers', searchable: true },
		},
		{
			displayName: 'Name',
			name: 'userName',
			type: 'string',
			placeholder: 'e.g. ada.lovelace@example.com',
		},
		{
			displayName: 'Ext. ID',
			name: 'externalId',
			type: 'string',
			// Short enough for the field's width: the mode's name and the hint say it is the identity provider's ID.
			placeholder: 'e.g. 00u1abcd2345',
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a59238e6-487e-451d-a534-d67aa4c48350',
		},
	],
});

/**
 * The one user with this external ID (case-exact). Atlassian leaves the uniqueness of external IDs to the client,
 * so two users can share one: that is an error naming them, never the first match.
 */
async function findUserByExternalId(
	this: IExecuteFunctions,
	client: AtlassianClient,
	externalId: string,
	itemIndex: number,
	extraQuery: Record<string, string | undefined>,
	noneIsError = true,
): Promise<IDataObject | undefined> {
	const node = this.getNode();
	const { users: resources, total } = await findUsersByExternalId(client, externalId, itemIndex, extraQuery);
	if (total === 0) {
		if (!noneIsError) return undefined;
		throw invalid(node, itemIndex, USER_FIELD.externalId, `no user has the external ID "${externalId}" in this directory`, "the identity provider's ID, exactly (it is case-sensitive)");
	}
	if (total > 1) {
		const named = resources.map((u) => `"${String(u.userName ?? u.id)}" (ID ${String(u.id)})`).join(', ');
		throw invalid(
			node,
			itemIndex,
			USER_FIELD.externalId,
			`${total} users have the external ID "${externalId}": ${named}${total > resources.length ? ' and more' : ''}. Pick one by its ID (the ID mode), and give each user its own external ID`,
			'an external ID that only one user has',
		);
	}
	return resources[0];
}

export interface UserRef {
	/** Set when the user was already fetched while resolving a user name. */
	user?: IDataObject;
	id: string;
	label: string;
}

/**
 * The user a model named, in a tool run. The model is told that a user is given as its user name or its SCIM user ID
 * whatever the locator's mode, so every mode takes both: the mode's own form is tried first, then the other. A value
 * with an "@" is a user name (SCIM IDs never hold one). In the ID modes a UUID is taken as the ID without a lookup
 * (as outside tool runs: a wrong one is the operation's 404), and anything else is tried as a user name first.
 */
async function resolveForModel(
	this: IExecuteFunctions,
	client: AtlassianClient,
	itemIndex: number,
	mode: string,
	value: unknown,
	extraQuery: Record<string, string | undefined>,
): Promise<UserRef> {
	const node = this.getNode();
	const text = requireText(node, itemIndex, 'User', value, '"ada.lovelace@example.com" or "a59238e6-487e-451d-a534-d67aa4c48350"');
	const label = `user "${text}"`;
	const byUserName = async (): Promise<UserRef | undefined> => {
		const user = await findUserByUserName(client, text, itemIndex, extraQuery);
		return user?.id ? { user, id: String(user.id), label } : undefined;
	};
	const byId = async (): Promise<UserRef | undefined> => {
		const response = await client.request({ method: 'GET', path: userPath(text), query: extraQuery, itemIndex, subject: label, shape: 'resource', expect: [404] });
		return response.statusCode === 404 || !response.body.id ? undefined : { user: response.body, id: String(response.body.id), label };
	};
	const byExternalId = async (): Promise<UserRef | undefined> => {
		const user = await findUserByExternalId.call(this, client, text, itemIndex, extraQuery, false);
		return user ? { user, id: String(user.id), label: `user with external ID "${text}"` } : undefined;
	};
	const isName = text.includes('@');
	let tries: Array<() => Promise<UserRef | undefined>>;
	if (mode === 'externalId') tries = isName ? [byExternalId, byUserName] : [byExternalId, byUserName, byId];
	else if (isName) tries = [byUserName];
	else if (mode === 'userName') tries = [byUserName, byId];
	else if (SCIM_ID.test(text)) return { id: text, label };
	else tries = [byUserName, byId];
	for (const attempt of tries) {
		const found = await attempt();
		if (found) return found;
	}
	const forms = isName ? 'user name' : mode === 'externalId' ? 'external ID, user name or SCIM user ID' : 'user name or SCIM user ID';
	throw invalid(node, itemIndex, 'User', `no user has the ${forms} "${text}" in this directory`, 'the exact user name (usually the email) or the SCIM user ID (the "id" of Get Many users)');
}

/** The User parameter of one item, read and checked without a request (the labels are the editor's mode names). */
export interface UserTarget {
	/** `model`: a tool run, where the value is a user name or an ID whatever the locator's mode says. */
	mode: 'userName' | 'externalId' | 'id' | 'model';
	value: string;
	locatorMode?: string;
}

export const USER_FIELD = { list: 'User', userName: 'User (Name)', externalId: 'User (Ext. ID)', id: 'User (ID)' } as const;

export function readUserTarget(this: IExecuteFunctions, itemIndex: number): UserTarget {
	const locator = this.getNodeParameter('userId', itemIndex) as IDataObject;
	const node = this.getNode();
	const mode = String(locator?.mode ?? 'id');
	// A model may give a user name or an ID whatever the mode (resolveForModel): checked here, looked up in findUser.
	if (isToolRun(this)) {
		const value = requireText(node, itemIndex, 'User', locator?.value, '"ada.lovelace@example.com" or "a59238e6-487e-451d-a534-d67aa4c48350"');
		return { mode: 'model', value, locatorMode: mode };
	}
	if (mode === 'userName') return { mode, value: requireText(node, itemIndex, USER_FIELD.userName, locator.value, '"ada.lovelace@example.com"') };
	if (mode === 'externalId') return { mode, value: requireText(node, itemIndex, USER_FIELD.externalId, locator.value, '"00u1abcd2345EfGHIjk6"') };
	const field = mode === 'list' ? USER_FIELD.list : USER_FIELD.id;
	return { mode: 'id', value: requireText(node, itemIndex, field, locator?.value, '"a59238e6-487e-451d-a534-d67aa4c48350"') };
}

/** Finds the user a prepared User parameter names (a request for a user name or an external ID; none for an ID). */
export async function findUser(
	this: IExecuteFunctions,
	client: AtlassianClient,
	target: UserTarget,
	itemIndex: number,
	extraQuery: Record<string, string | undefined> = {},
): Promise<UserRef> {
	const node = this.getNode();
	if (target.mode === 'model') return await resolveForModel.call(this, client, itemIndex, target.locatorMode ?? 'id', target.value, extraQuery);
	if (target.mode === 'userName') {
		const userName = target.value;
		const user = await findUserByUserName(client, userName, itemIndex, extraQuery);
		if (!user?.id) {
			throw invalid(node, itemIndex, USER_FIELD.userName, `no user has the user name "${userName}" in this directory`, userName.includes('@') ? 'the exact user name, usually the email. A record can hold this email under another user name: Get SCIM Links (by email) names it' : 'the exact user name, usually the email');
		}
		return { user, id: String(user.id), label: `user "${userName}"` };
	}
	if (target.mode === 'externalId') {
		const user = (await findUserByExternalId.call(this, client, target.value, itemIndex, extraQuery))!;
		return { user, id: String(user.id), label: `user with external ID "${target.value}"` };
	}
	return { id: target.value, label: `user "${target.value}"` };
}

/** Resolves the User parameter of one item to a SCIM user ID. */
export async function resolveUser(
	this: IExecuteFunctions,
	client: AtlassianClient,
	itemIndex: number,
	extraQuery: Record<string, string | undefined> = {},
): Promise<UserRef> {
	return await findUser.call(this, client, readUserTarget.call(this, itemIndex), itemIndex, extraQuery);
}

/** How a written user is named in a failed run's report: its user name when known, else how the admin named it. */
export function writtenName(ref: UserRef, answer?: IDataObject): string {
	const userName = answer?.userName ?? ref.user?.userName;
	return typeof userName === 'string' && userName ? userName : ref.id;
}
