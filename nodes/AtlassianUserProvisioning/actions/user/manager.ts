import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalid, requireText } from '../../helpers/validation';
import type { AtlassianClient } from '../../transport/client';

export const managerField: INodeProperties = {
	displayName: 'Manager',
	name: 'manager',
	type: 'resourceLocator',
	default: { mode: 'userName', value: '' },
	description: "The user's manager (sent in the enterprise extension, where Atlassian Home reads it)",
	modes: [
		{ displayName: 'Name', name: 'userName', type: 'string', placeholder: 'e.g. grace.hopper@example.com' },
		{ displayName: 'ID', name: 'id', type: 'string', placeholder: 'e.g. a59238e6-487e-451d-a534-d67aa4c48350' },
	],
};

/** Whether the Manager option holds a value (left empty, it is left alone like every other field). */
export function managerGiven(fields: IDataObject): boolean {
	const raw = fields.manager as IDataObject | string | undefined;
	const value = raw !== null && typeof raw === 'object' ? raw.value : raw;
	return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '');
}

/** The manager as SCIM wants it, `{ value: <SCIM user ID> }`, with a user name looked up; undefined when not set. */
export async function readManager(
	this: IExecuteFunctions,
	client: AtlassianClient,
	itemIndex: number,
	fields: IDataObject,
	findByUserName: (userName: string) => Promise<IDataObject | undefined>,
): Promise<IDataObject | undefined> {
	if (!managerGiven(fields)) return undefined;
	const raw = fields.manager as IDataObject | string;
	const locator = typeof raw === 'object' ? raw : { mode: 'userName', value: raw };
	const node = this.getNode();
	if (locator.mode === 'id') {
		return { value: requireText(node, itemIndex, 'Manager (By ID)', locator.value, '"a59238e6-487e-451d-a534-d67aa4c48350"') };
	}
	const userName = requireText(node, itemIndex, 'Manager (By User Name)', locator.value, '"grace.hopper@example.com"');
	const manager = await findByUserName(userName);
	if (!manager?.id) {
		throw invalid(node, itemIndex, 'Manager (By User Name)', `no user has the user name "${userName}" in this directory`, 'the exact user name of the manager, or choose By ID');
	}
	return { value: String(manager.id) };
}
