import fs from 'node:fs';
import path from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { AtlassianUserProvisioningAuditLogTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningAuditLogTrigger.node';
import { AtlassianUserProvisioningTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningTrigger.node';

const directory = new AtlassianUserProvisioningTrigger().description;
const auditLog = new AtlassianUserProvisioningAuditLogTrigger().description;
const root = path.join(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/**
 * n8n's editor (2.41, nodeTypesUtils getNodeAuthFields) takes every parameter named in a credential's
 * `displayOptions.show` for part of the authentication and hides it from the panel, choosing its value by the
 * credential picked instead. No parameter of these nodes may be one.
 */
const authFields = (node: INodeTypeDescription) =>
	(node.credentials ?? []).flatMap((credential) => Object.keys(credential.displayOptions?.show ?? {})).filter((name) => node.properties.some((p) => p.name === name));

/**
 * The nodes panel's trigger entries, as n8n 2.41 makes them: one per option of the parameter called "Events", named
 * "On " and the option's name in lower case ("On user created"), adding the node with that option chosen.
 */
const panelEntries = (node: INodeTypeDescription) => {
	const events = node.properties.find((p) => ['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()));
	return (events?.options ?? []).map((o) => ({
		option: (o as { name: string }).name,
		name: `On ${(o as { name: string }).name.toLowerCase()}`,
		values: { [events!.name]: [(o as { value: string }).value] },
	}));
};

describe.each([
	['AtlassianUserProvisioningTrigger', directory],
	['AtlassianUserProvisioningAuditLogTrigger', auditLog],
])('%s', (file, node) => {
	test('a polling trigger (n8n adds its Poll Times), registered in package.json, with a codex', () => {
		expect(node.polling).toBe(true);
		expect(node.group).toEqual(['trigger']);
		expect(node.inputs).toEqual([]);
		expect(manifest.n8n.nodes).toContain(`dist/nodes/AtlassianUserProvisioning/${file}.node.js`);
		const codex = JSON.parse(fs.readFileSync(path.join(root, `nodes/AtlassianUserProvisioning/${file}.node.json`), 'utf8'));
		expect(codex.node).toBe(`n8n-nodes-atlassian-user-provisioning.${node.name}`);
	});

	test('one credential, and no parameter that n8n would take for an authentication switch and hide', () => {
		expect(node.credentials).toHaveLength(1);
		expect(node.credentials![0].displayOptions).toBeUndefined();
		expect(authFields(node)).toEqual([]);
		expect(node.properties.map((p) => p.name)).not.toContain('source');
	});
});

test('the action node has no parameter n8n would hide as an authentication switch either', () => {
	expect(authFields(new AtlassianUserProvisioning().description)).toEqual([]);
});

test('the directory trigger asks for the SCIM credential, the audit-log trigger for the organization one', () => {
	expect(directory.credentials![0].name).toBe('atlassianScimApi');
	expect(auditLog.credentials![0].name).toBe('atlassianOrganizationApi');
});

test('each event in the nodes panel opens the directory trigger with that event chosen; the options in Title Case', () => {
	const entries = panelEntries(directory);
	expect(entries.map((e) => e.option).sort()).toEqual([
		'Group Created',
		'Group Deleted',
		'Member Added to Group',
		'Member Removed From Group',
		'User Created',
		'User Deactivated',
		'User Deleted',
		'User Reactivated',
		'User Updated',
	]);
	expect(entries.find((e) => e.name === 'On user created')!.values).toEqual({ events: ['userCreated'] });
});

test('the audit-log trigger is its own entry in the nodes panel, and says on screen that it needs Atlassian Guard', () => {
	// No "Events" list: n8n lists the node itself, under its own name.
	expect(panelEntries(auditLog)).toEqual([]);
	expect(auditLog.displayName).toBe('Atlassian Audit Log Trigger');
	expect(auditLog.description).toMatch(/Guard/);
	const notice = auditLog.properties.find((p) => p.type === 'notice' && /Atlassian Guard/.test(p.displayName));
	expect(notice?.displayOptions).toBeUndefined();
	// And the directory trigger points to it.
	expect(directory.properties.some((p) => p.type === 'notice' && /Atlassian Audit Log Trigger/.test(p.displayName))).toBe(true);
});

test('an empty action filter says under the field that every action starts the workflow', () => {
	expect(auditLog.properties.find((p) => p.name === 'actions')!.hint).toMatch(/every audit-log action/);
});

test('the nine directory events, and the default watched attributes', () => {
	const events = directory.properties.find((p) => p.name === 'events')!;
	expect(events.options!.map((o) => (o as { value: string }).value).sort()).toEqual(
		['groupCreated', 'groupDeleted', 'groupMembersAdded', 'groupMembersRemoved', 'userCreated', 'userDeactivated', 'userDeleted', 'userReactivated', 'userUpdated'],
	);
	const watched = directory.properties.find((p) => p.name === 'watchedAttributes')!;
	expect(watched.default).toEqual(['department', 'emails', 'manager', 'organization', 'title', 'userName']);
	expect(watched.description).toMatch(/User Updated/);
});
