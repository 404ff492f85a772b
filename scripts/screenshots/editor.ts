// `npm run screenshots`: what an admin sees of the node in n8n's editor, as PNGs. Starts the real n8n of the
// end-to-end tests with the package installed from its tarball (scripts/e2e/n8n.ts), drives the editor in Debian's
// Chromium (scripts/screenshots/setup-chromium.sh installs it) and saves the nodes panel, the actions list, the
// parameter panel of every operation and both credential dialogs. A test that renders nothing cannot prove a label
// fits: these can be looked at.
//
// Every PNG goes to .cache/screenshots/ (not committed); the few in SELECTED are copied to docs/screenshots/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { startSandbox } from '../../sandbox';
import { seedDemo } from '../../sandbox/demo';
import { seedOrgDemo } from '../../sandbox/org/seed';
import { N8n, ROOT, type Owner } from '../e2e/n8n';

const NODE_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning';
const ALL = path.join(ROOT, '.cache', 'screenshots');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
/** Committed to docs/screenshots/ (the README shows the first two). */
const SELECTED = [
	'nodes-panel-step.png',
	'user-update-replace.png',
	'nodes-panel.png',
	'actions.png',
	'canvas.png',
	'user-create.png',
	'user-getAll-returnAll.png',
	'group-create.png',
	'credential-scim.png',
	'credential-organization.png',
];
const CHROMIUM = '/usr/bin/chromium';
const owner: Owner = { email: 'owner@screenshots.test', password: 'Screens-password-1', firstName: 'Screenshot', lastName: 'Owner' };
// The credentials point at the sandbox on loopback (nothing else is ever a target): the dialogs' connection test passes.
const CREDENTIALS = {
	scim: { id: 'screenshotScim01', name: 'Atlassian SCIM API (sandbox)', type: 'atlassianScimApi' },
	org: { id: 'screenshotOrg001', name: 'Atlassian Organization API (sandbox)', type: 'atlassianOrganizationApi' },
};

interface Panel {
	file: string;
	parameters: Record<string, unknown>;
}

/** One panel per operation (from the node's own description), plus the states that show a conditional notice. */
function panels(): Panel[] {
	const description = new AtlassianUserProvisioning().description;
	const out: Panel[] = [];
	for (const property of description.properties) {
		if (property.name !== 'operation') continue;
		const resource = property.displayOptions?.show?.resource?.[0] as string;
		for (const option of property.options ?? []) {
			const operation = (option as { value: string }).value;
			out.push({ file: `${resource}-${operation}.png`, parameters: { resource, operation } });
		}
	}
	out.push({ file: 'user-update-replace.png', parameters: { resource: 'user', operation: 'update', updateMode: 'replace' } });
	out.push({ file: 'user-getAll-returnAll.png', parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
	// The locator's modes as the closed dropdown shows the chosen one (where a long name was cut).
	for (const mode of ['userName', 'externalId']) {
		out.push({ file: `user-get-${mode}.png`, parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode, value: '' } } });
	}
	return out;
}

function workflowOf(list: Panel[]) {
	// What a new workflow gets: the node's default version.
	const { defaultVersion, version } = new AtlassianUserProvisioning().description;
	const typeVersion = defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
	const nodes = list.map((panel, n) => {
		const admin = ['deleteInDb', 'getScimLinks', 'unlink'].includes(String(panel.parameters.operation)) || panel.parameters.resource === 'account';
		return {
			id: `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
			name: panel.file.replace(/\.png$/, ''),
			type: NODE_TYPE,
			typeVersion,
			position: [(n % 6) * 240, Math.floor(n / 6) * 200],
			parameters: panel.parameters,
			credentials: admin ? { atlassianOrganizationApi: { id: CREDENTIALS.org.id, name: CREDENTIALS.org.name } } : { atlassianScimApi: { id: CREDENTIALS.scim.id, name: CREDENTIALS.scim.name } },
		};
	});
	// A trigger, so that the nodes panel opened on this canvas offers actions ("What happens next?").
	const trigger = { id: '00000000-0000-4000-8000-000000000000', name: 'When clicking Execute workflow', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-240, 0], parameters: {} };
	return { id: 'screenshots00001', name: 'Screenshots', active: false, nodes: [...nodes, trigger], connections: {}, settings: { executionOrder: 'v1' } };
}

async function shot(page: Page, file: string): Promise<void> {
	await page.waitForTimeout(600);
	await page.screenshot({ path: path.join(ALL, file) });
	console.log(`[screenshots] ${file}`);
}

/** The editor's own login form. */
async function signIn(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/signin`);
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(owner.email);
	await page.locator('input[type="password"]').first().fill(owner.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
}

async function main(): Promise<void> {
	execFileSync('bash', [path.join(ROOT, 'scripts', 'screenshots', 'setup-chromium.sh')], { stdio: 'inherit' });
	fs.rmSync(ALL, { recursive: true, force: true });
	fs.mkdirSync(ALL, { recursive: true });
	fs.mkdirSync(DOCS, { recursive: true });
	const list = panels();
	const workflow = workflowOf(list);
	const sandbox = await startSandbox();
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
	const n8n = await N8n.create('screenshots');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'screenshots-chromium-'));
	try {
		await n8n.importCredentials([
			{ ...CREDENTIALS.scim, data: { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey } },
			{ ...CREDENTIALS.org, data: { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: sandbox.url } },
		]);
		await n8n.importWorkflow(workflow);
		const server = await n8n.start();
		await n8n.setupOwner(owner);
		const context = await chromium.launchPersistentContext(profile, {
			executablePath: CHROMIUM,
			headless: true,
			viewport: { width: 1440, height: 900 },
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
		});
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			page.setDefaultTimeout(30_000);
			try {
				await drive(page, server.url, list, workflow);
			} catch (error) {
				// What the browser showed when a step failed, to see which selector n8n changed.
				await page.screenshot({ path: path.join(ALL, 'failed.png') }).catch(() => undefined);
				throw error;
			}
		} finally {
			await context.close();
		}
	} finally {
		await n8n.stop();
		n8n.cleanup();
		await sandbox.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	for (const file of SELECTED) fs.copyFileSync(path.join(ALL, file), path.join(DOCS, file));
	console.log(`[screenshots] ${fs.readdirSync(ALL).length} PNGs in ${path.relative(ROOT, ALL)}; ${SELECTED.length} copied to ${path.relative(ROOT, DOCS)}`);
}

async function drive(page: Page, url: string, list: Panel[], workflow: ReturnType<typeof workflowOf>): Promise<void> {
	await signIn(page, url);

	// The nodes panel, searched as an admin would (a product name finds the node through its aliases).
	await page.goto(`${url}/workflow/new`);
	await page.locator('[data-test-id="canvas-add-button"] button, [data-test-id="canvas-plus-button"]').first().click();
	const search = page.locator('input[data-test-id="node-creator-search-bar"]');
	await search.fill('jira');
	const item = page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Atlassian User Provisioning' }).first();
	await item.waitFor();
	await shot(page, 'nodes-panel.png');
	await item.click();
	// The node's panel opens with its triggers listed: fold them and unfold the actions.
	await page.getByText(/^Triggers \(\d+\)$/).first().click();
	await page.getByText(/^Actions \(\d+\)$/).first().click();
	await page.waitForTimeout(500);
	await shot(page, 'actions.png');

	// The nodes panel on a canvas with a trigger: the action node, as an admin adds it as a step.
	await page.goto(`${url}/workflow/${workflow.id}`);
	await page.locator('.vue-flow__node').first().waitFor();
	const gotIt = page.getByRole('button', { name: 'Got it' });
	if (await gotIt.isVisible()) await gotIt.click();
	// The canvas: every operation as a node, with its subtitle (operation: resource) and the icon.
	await shot(page, 'canvas.png');
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await search.fill('jira');
	await item.waitFor();
	await shot(page, 'nodes-panel-step.png');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');

	// Each panel: the node double-clicked on the canvas, as an admin opens it (no page load per panel).
	for (const [n, panel] of list.entries()) {
		await page.locator(`.vue-flow__node[data-id="${workflow.nodes[n].id}"]`).dblclick();
		await page.waitForSelector('[data-test-id="ndv"]');
		await shot(page, panel.file);
		await page.keyboard.press('Escape');
		await page.waitForSelector('[data-test-id="ndv"]', { state: 'hidden' });
	}

	for (const [file, credential] of [['credential-scim.png', CREDENTIALS.scim], ['credential-organization.png', CREDENTIALS.org]] as const) {
		await page.goto(`${url}/home/credentials/${credential.id}`);
		await page.waitForSelector('[data-test-id="credential-edit-dialog"]');
		await shot(page, file);
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
