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

/** Resolves the Group parameter of one item to a SCIM group ID (and the group, when it was fetched to find it). */
export async function resolveGroup(this: IExecuteFunctions, client: AtlassianClient, itemIndex: number): Promise<GroupRef> {
	const locator = this.getNodeParameter('groupId', itemIndex) as IDataObject;
	const mode = String(locator?.mode ?? 'id');
	const node = this.getNode();
	if (isToolRun(this)) return await resolveForModel(node, client, itemIndex, mode, locator?.value);
	if (mode === 'name') {
		const name = requireText(node, itemIndex, 'Group (By Name)', locator.value, '"engineering"');
		const group = await findGroupByName(client, name, itemIndex);
		if (!group?.id) throw invalid(node, itemIndex, 'Group (By Name)', `no group is named "${name}" in this directory`, 'the exact group name');
		return { id: String(group.id), label: `group "${name}"`, group };
	}
	const id = requireText(node, itemIndex, mode === 'list' ? 'Group' : 'Group (By ID)', locator?.value, '"0bd7a1c4-3a5e-4f21-9b1e-2f8c1d6e7a90"');
	return { id, label: `group "${id}"` };
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
