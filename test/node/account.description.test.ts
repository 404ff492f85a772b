import { NodeHelpers, type INode, type INodeParameters } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { ACCOUNT_OPERATIONS } from '../../nodes/AtlassianUserProvisioning/actions/account';

const description = new AtlassianUserProvisioning().description;
const node = { parameters: {} } as INode;

/**
 * The credentials n8n shows (and lets the node read) for these parameters, with the defaults filled in as the editor
 * and the Workflow constructor do before either asks (User Get's "Add Managed or External" is false then).
 */
function credentialsShown(parameters: INodeParameters): string[] {
	const full = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? parameters;
	return (description.credentials ?? []).filter((c) => NodeHelpers.displayParameter(full, c, node, description, full)).map((c) => c.name);
}

test('the new resource is named apart from the SCIM user; existing resource values stay', () => {
	const resource = description.properties.find((p) => p.name === 'resource')!;
	const options = resource.options as Array<{ name: string; value: string }>;
	expect(options.map((o) => o.value)).toEqual(['group', 'account', 'user']);
	expect(options.find((o) => o.value === 'account')!.name).toBe('Organization Account');
	expect(resource.default).toBe('user');
});

test('every Organization Account operation uses the Organization API credential only; User and Group keep theirs', () => {
	for (const operation of ACCOUNT_OPERATIONS) expect(credentialsShown({ resource: 'account', operation })).toEqual(['atlassianOrganizationApi']);
	for (const operation of ['get', 'getAll', 'create', 'update', 'delete', 'deactivate', 'reactivate']) expect(credentialsShown({ resource: 'user', operation })).toEqual(['atlassianScimApi']);
	for (const operation of ['deleteInDb', 'getScimLinks', 'unlink']) expect(credentialsShown({ resource: 'user', operation })).toEqual(['atlassianOrganizationApi']);
	for (const operation of ['get', 'getAll', 'create', 'delete', 'addMembers', 'removeMembers']) expect(credentialsShown({ resource: 'group', operation })).toEqual(['atlassianScimApi']);
});

test('no Organization Account operation value is also a User or Group operation value', () => {
	const others = description.properties
		.filter((p) => p.name === 'operation' && !p.displayOptions?.show?.resource?.includes('account'))
		.flatMap((p) => (p.options as Array<{ value: string }>).map((o) => o.value));
	expect(ACCOUNT_OPERATIONS.filter((op) => others.includes(op))).toEqual([]);
});

test('the notices say what cannot be undone: Remove needs a new invitation, Delete has a 14-day grace period', () => {
	const notice = (operation: string) => description.properties.find((p) => p.type === 'notice' && p.displayOptions?.show?.operation?.includes(operation))?.displayName ?? '';
	expect(notice('removeFromDirectory')).toMatch(/INVITED AGAIN/);
	expect(notice('deleteAccount')).toMatch(/14-day grace period/);
	expect(notice('deleteAccount')).toMatch(/Cancel Deletion/);
});
