import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import { invalid, requireText } from '../../helpers/validation';

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

export type ManagerTarget = { mode: 'id' | 'userName'; value: string };

/** The Manager option of one item, checked without a request; undefined when not set. */
export function readManagerTarget(node: INode, itemIndex: number, fields: IDataObject): ManagerTarget | undefined {
	if (!managerGiven(fields)) return undefined;
	const raw = fields.manager as IDataObject | string;
	const locator = typeof raw === 'object' ? raw : { mode: 'userName', value: raw };
	if (locator.mode === 'id') {
		return { mode: 'id', value: requireText(node, itemIndex, 'Manager (ID)', locator.value, '"a59238e6-487e-451d-a534-d67aa4c48350"') };
	}
	return { mode: 'userName', value: requireText(node, itemIndex, 'Manager (Name)', locator.value, '"grace.hopper@example.com"') };
}

/** The manager as SCIM wants it, `{ value: <SCIM user ID> }`, with a user name looked up; undefined when not set. */
export async function resolveManager(
	node: INode,
	itemIndex: number,
	target: ManagerTarget | undefined,
	findByUserName: (userName: string) => Promise<IDataObject | undefined>,
): Promise<IDataObject | undefined> {
	if (!target) return undefined;
	if (target.mode === 'id') return { value: target.value };
	const manager = await findByUserName(target.value);
	if (!manager?.id) {
		throw invalid(node, itemIndex, 'Manager (Name)', `no user has the user name "${target.value}" in this directory`, 'the exact user name of the manager, or choose the ID mode');
	}
	return { value: String(manager.id) };
}
