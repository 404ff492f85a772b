import fs from 'node:fs';
import path from 'node:path';

import { AtlassianUserProvisioningTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningTrigger.node';

const description = new AtlassianUserProvisioningTrigger().description;
const root = path.join(__dirname, '../..');

test('a polling trigger (n8n adds its Poll Times), registered in package.json, with a codex', () => {
	expect(description.polling).toBe(true);
	expect(description.group).toEqual(['trigger']);
	expect(description.inputs).toEqual([]);
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	expect(manifest.n8n.nodes).toContain('dist/nodes/AtlassianUserProvisioning/AtlassianUserProvisioningTrigger.node.js');
	const codex = JSON.parse(fs.readFileSync(path.join(root, 'nodes/AtlassianUserProvisioning/AtlassianUserProvisioningTrigger.node.json'), 'utf8'));
	expect(codex.node).toBe(`n8n-nodes-atlassian-user-provisioning.${description.name}`);
});

test('each source asks for its own credential', () => {
	expect(description.credentials).toEqual([
		expect.objectContaining({ name: 'atlassianScimApi', displayOptions: { show: { source: ['directory'] } } }),
		expect.objectContaining({ name: 'atlassianOrganizationApi', displayOptions: { show: { source: ['auditLog'] } } }),
	]);
});

test('the nine directory events, and the default watched attributes', () => {
	const events = description.properties.find((p) => p.name === 'events')!;
	expect(events.options!.map((o) => (o as { value: string }).value).sort()).toEqual(
		['groupCreated', 'groupDeleted', 'groupMembersAdded', 'groupMembersRemoved', 'userCreated', 'userDeactivated', 'userDeleted', 'userReactivated', 'userUpdated'],
	);
	const watched = description.properties.find((p) => p.name === 'watchedAttributes')!;
	expect(watched.default).toEqual(['department', 'emails', 'manager', 'organization', 'title', 'userName']);
});
