import fs from 'node:fs';
import path from 'node:path';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';

const description = new AtlassianUserProvisioning().description;
const codexPath = path.join(__dirname, '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node.json');

test('usable as an AI agent tool, with a subtitle that names the operation and resource', () => {
	expect(description.usableAsTool).toBe(true);
	// As n8n's Okta node: test/node/editor.view.test.ts evaluates it for every operation.
	expect(description.subtitle).toBe('={{$parameter["operation"] + ": " + $parameter["resource"]}}');
});

test('the codex names the node, its categories and documentation links', () => {
	const codex = JSON.parse(fs.readFileSync(codexPath, 'utf8'));
	expect(codex.node).toBe(`n8n-nodes-atlassian-user-provisioning.${description.name}`);
	expect(codex.categories.length).toBeGreaterThan(0);
	for (const link of [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation]) {
		expect(link.url).toMatch(/^https:\/\/(developer|support)\.atlassian\.com\//);
	}
});

test('Delete says it cannot be undone and that Deactivate is the reversible choice', () => {
	const operation = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('user'));
	const remove = operation?.options?.find((o) => 'value' in o && o.value === 'delete') as { description?: string } | undefined;
	const notices = description.properties.filter((p) => p.type === 'notice' && p.displayOptions?.show?.operation?.includes('delete')).map((p) => p.displayName);
	expect(`${remove?.description ?? ''} ${notices.join(' ')}`).toMatch(/cannot be undone[\s\S]*Deactivate/i);
});

test('Get Many says Atlassian filters only by User Name or External ID', () => {
	const filters = description.properties.find((p) => p.name === 'filters' && p.displayOptions?.show?.resource?.includes('user'));
	expect(JSON.stringify(filters)).toMatch(/only/i);
	expect(JSON.stringify(filters)).toMatch(/User Name/);
	expect(JSON.stringify(filters)).toMatch(/External ID/);
});
