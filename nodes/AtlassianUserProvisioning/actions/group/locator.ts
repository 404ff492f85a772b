import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { isToolRun } from '../../helpers/tool';
import { invalid, requireText } from '../../helpers/validation';
import type { AtlassianClient } from '../../transport/client';
import { GROUP_PATH, groupPath, SCIM_ID, scimString } from '../../transport/paths';

/** Pick a group from a searchable list, by name (the `displayName eq` filter) or by SCIM ID. */
export const groupLocator = (operations: string[]): INodeProperties => ({
	displayName: 'Group',
	name: 'groupId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	displayOptions: { show: { resource: ['group'], operation: operations } },
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', placeholder: 'Select a group...', typeOptions: { searchListMethod: 'searchGroups', searchable: true } },
		{ displayName: 'Name', name: 'name', type: 'string', placeholder: 'e.g. engineering' },
		{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. 0bd7a1c4-3a5e-4f21-9b1e-2f8c1d6e7a90' },
	],
});

export async function findGroupByName(client: AtlassianClient, name: string, itemIndex: number): Promise<IDataObject | undefined> {
	const response = await client.request({
		method: 'GET',
		path: GROUP_PATH,
		query: { filter: `displayName eq ${scimString(name)}`, startIndex: '1', count: '1' },
		itemIndex,
		subject: `group "${name}"`,
	});
	return ((response.body.Resources as IDataObject[] | undefined) ?? [])[0];
}

export interface GroupRef {
	id: string;
	/** Names the group in messages, e.g. `group "engineering"`. */
	label: string;
	/** Set when the group was already fetched while resolving its name. */
	group?: IDataObject;
}

/**
 * Names of the groups Atlassian makes for sites, products and the organization ("jira-software-users",
 * "confluence-users", "site-admins"…). SCIM cannot list them or add members to them, so a look-up by such a name
 * finds nothing: the error says why instead of suggesting a typo.
 */
const SITE_GROUP =
	/^(site-admins|org-admins|administrators|trusted-users)$|^(jira|confluence|bitbucket|opsgenie|statuspage|trello|loom|compass|atlas)[a-z-]*-(users|admins|administrators)(-[a-z0-9-]+)?$/i;

/** The Group parameter of one item, checked without a request (the labels are the editor's mode names). */
export interface GroupTarget {
	/** `model`: a tool run, where the value is a name or an ID whatever the locator's mode says. */
	mode: 'name' | 'id' | 'model';
	value: string;
	locatorMode?: string;
}

export function readGroupTarget(this: IExecuteFunctions, itemIndex: number): GroupTarget {
	const locator = this.getNodeParameter('groupId', itemIndex) as IDataObject;
	const mode = String(locator?.mode ?? 'id');
	const node = this.getNode();
	// A model may give a name or an ID whatever the mode (resolveForModel): checked here, looked up in findGroup.
	if (isToolRun(this)) {
		const value = requireText(node, itemIndex, 'Group', locator?.value, '"engineering" or "0bd7a1c4-3a5e-4f21-9b1e-2f8c1d6e7a90"');
		return { mode: 'model', value, locatorMode: mode };
	}
	if (mode === 'name') return { mode, value: requireText(node, itemIndex, 'Group (Name)', locator.value, '"engineering"') };
	return { mode: 'id', value: requireText(node, itemIndex, mode === 'list' ? 'Group' : 'Group (ID)', locator?.value, '"0bd7a1c4-3a5e-4f21-9b1e-2f8c1d6e7a90"') };
}

/** Finds the group a prepared Group parameter names (a request for a name; none for an ID). */
export async function findGroup(this: IExecuteFunctions, client: AtlassianClient, target: GroupTarget, itemIndex: number): Promise<GroupRef> {
	if (target.mode === 'model') return await resolveForModel(this.getNode(), client, itemIndex, target.locatorMode ?? 'id', target.value);
	if (target.mode === 'name') {
		const name = target.value;
		const group = await findGroupByName(client, name, itemIndex);
		if (!group?.id) {
			if (SITE_GROUP.test(name)) {
				throw invalid(
					this.getNode(),
					itemIndex,
					'Group (Name)',
					`"${name}" is a site or organization group, and those are invisible to SCIM: its members are managed in Atlassian Administration (Directory → Groups), not through a SCIM directory`,
					'the name of a group of this directory (Get Many lists them); to give product access, add the user to a SCIM group that has that access',
				);
			}
			throw invalid(this.getNode(), itemIndex, 'Group (Name)', `no group is named "${name}" in this directory`, 'the exact group name');
		}
		return { id: String(group.id), label: `group "${name}"`, group };
	}
	return { id: target.value, label: `group "${target.value}"` };
}

/** Resolves the Group parameter of one item to a SCIM group ID (and the group, when it was fetched to find it). */
export async function resolveGroup(this: IExecuteFunctions, client: AtlassianClient, itemIndex: number): Promise<GroupRef> {
	return await findGroup.call(this, client, readGroupTarget.call(this, itemIndex), itemIndex);
}

/**
 * The group a model named, in a tool run: it is told that a group is given as its name or its SCIM group ID whatever
 * the locator's mode, so every mode takes both (the mode's form first). In the ID modes a UUID is taken as the ID
 * without a lookup, as outside tool runs; anything else is tried as a name first.
 */
async function resolveForModel(node: INode, client: AtlassianClient, itemIndex: number, mode: string, value: unknown): Promise<GroupRef> {
	const text = requireText(node, itemIndex, 'Group', value, '"engineering" or "0bd7a1c4-3a5e-4f21-9b1e-2f8c1d6e7a90"');
	const label = `group "${text}"`;
	if (mode !== 'name' && SCIM_ID.test(text)) return { id: text, label };
	const named = await findGroupByName(client, text, itemIndex);
	if (named?.id) return { id: String(named.id), label, group: named };
	const response = await client.request({ method: 'GET', path: groupPath(text), itemIndex, subject: label, expect: [404] });
	if (response.statusCode !== 404 && response.body.id) return { id: String(response.body.id), label, group: response.body };
	throw invalid(node, itemIndex, 'Group', `no group has the name or SCIM group ID "${text}" in this directory`, 'the exact group name or the SCIM group ID (the "id" of Get Many groups)');
}
