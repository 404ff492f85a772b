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
const DIRECTORY_TRIGGER = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioningTrigger';
const AUDIT_LOG_TRIGGER = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioningAuditLogTrigger';
const ALL = path.join(ROOT, '.cache', 'screenshots');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
/** Committed to docs/screenshots/ (the README shows the first two and the two trigger pictures). */
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
	'triggers.png',
	'trigger-audit-log.png',
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
	/** Another node type than the action node (the triggers). */
	type?: string;
	/** A parameter whose dropdown is opened for the picture (its options' texts show only then). */
	open?: string;
	/** Both credentials on the node (Add Managed or External). */
	both?: boolean;
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
	// Add Managed or External on: the field once, and both credential slots, each with its own label.
	for (const operation of ['get', 'getAll']) {
		out.push({ file: `user-${operation}-managed.png`, parameters: { resource: 'user', operation, addManagedStatus: true }, both: true });
	}
	// Replace Whole User as an admin fills it in: the user found by its current name, and the new one below.
	out.push({
		file: 'user-update-replace-filled.png',
		parameters: { resource: 'user', operation: 'update', updateMode: 'replace', userId: { __rl: true, mode: 'userName', value: 'ada.lovelace@example.com' }, userName: 'ada.lovelace@example.com' },
	});
	// Dropdowns whose option texts matter: Update Mode (Replace's text whole), Resource (each with a description).
	out.push({ file: 'user-update-mode-open.png', parameters: { resource: 'user', operation: 'update' }, open: 'updateMode' });
	out.push({ file: 'resource-open.png', parameters: { resource: 'group', operation: 'get' }, open: 'resource' });
	out.push({ file: 'account-deleteAccount-operation-open.png', parameters: { resource: 'account', operation: 'deleteAccount' }, open: 'operation' });
	// Roles by name, the ID under each.
	out.push({ file: 'account-search-roles.png', parameters: { resource: 'account', operation: 'search', filters: { roleIds: ['atlassian/org-admin', 'atlassian/user-access-admin'] } } });
	out.push({ file: 'account-updateProfile-fields.png', parameters: { resource: 'account', operation: 'updateProfile', updateFields: { name: '', nickname: '', jobTitle: '', locale: '' } } });
	// The two triggers, as saved and with their dropdowns open.
	out.push({ file: 'trigger-directory.png', parameters: {}, type: DIRECTORY_TRIGGER });
	out.push({ file: 'trigger-directory-events-open.png', parameters: {}, type: DIRECTORY_TRIGGER, open: 'events' });
	out.push({ file: 'trigger-audit-log.png', parameters: {}, type: AUDIT_LOG_TRIGGER });
	return out;
}

function workflowOf(list: Panel[]) {
	// What a new workflow gets: the node's default version.
	const { defaultVersion, version } = new AtlassianUserProvisioning().description;
	const typeVersion = defaultVersion ?? (Array.isArray(version) ? Math.max(...version) : version);
	const nodes = list.map((panel, n) => {
		const admin =
			['deleteInDb', 'getScimLinks', 'unlink'].includes(String(panel.parameters.operation)) || panel.parameters.resource === 'account' || panel.type === AUDIT_LOG_TRIGGER;
		const org = { atlassianOrganizationApi: { id: CREDENTIALS.org.id, name: CREDENTIALS.org.name } };
		const scim = { atlassianScimApi: { id: CREDENTIALS.scim.id, name: CREDENTIALS.scim.name } };
		return {
			id: `00000000-0000-4000-8000-${String(n + 1).padStart(12, '0')}`,
			name: panel.file.replace(/\.png$/, ''),
			type: panel.type ?? NODE_TYPE,
			typeVersion: panel.type ? 1 : typeVersion,
			position: [(n % 6) * 240, Math.floor(n / 6) * 200],
			parameters: panel.type ? { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...panel.parameters } : panel.parameters,
			credentials: panel.both ? { ...scim, ...org } : admin ? org : scim,
		};
	});
	// A trigger, so that the nodes panel opened on this canvas offers actions ("What happens next?").
	const trigger = { id: '00000000-0000-4000-8000-000000000000', name: 'When clicking Execute workflow', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-240, 0], parameters: {} };
	// Create with no email, on a canvas of its own: the issue n8n shows when the pointer is on its warning.
	const createIssue = {
		id: '00000000-0000-4000-8000-100000000001',
		name: 'Create a user without an email',
		type: NODE_TYPE,
		typeVersion,
		position: [0, 0],
		parameters: { resource: 'user', operation: 'create', userName: 'ada.lovelace@example.com' },
		credentials: { atlassianScimApi: { id: CREDENTIALS.scim.id, name: CREDENTIALS.scim.name } },
	};
	return {
		main: { id: 'screenshots00001', name: 'Screenshots', active: false, nodes: [...nodes, trigger], connections: {}, settings: { executionOrder: 'v1' } },
		issue: { id: 'screenshots00002', name: 'Create without an email', active: false, nodes: [createIssue], connections: {}, settings: { executionOrder: 'v1' } },
	};
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
	const workflows = workflowOf(list);
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
		await n8n.importWorkflow(workflows.main);
		await n8n.importWorkflow(workflows.issue);
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
				await drive(page, server.url, list, workflows);
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

/** A step that may fail on a changed selector without losing the other pictures: its failure is a PNG and a line. */
async function step(page: Page, name: string, run: () => Promise<void>): Promise<void> {
	try {
		await run();
	} catch (error) {
		console.error(`[screenshots] ${name} failed: ${(error as Error).message.split('\n')[0]}`);
		await page.screenshot({ path: path.join(ALL, `failed-${name}.png`) }).catch(() => undefined);
		await page.keyboard.press('Escape').catch(() => undefined);
	}
}

/** The nodes panel on an empty canvas, searched for `term`. */
async function openPanel(page: Page, url: string, term: string) {
	await page.goto(`${url}/workflow/new`);
	await page.locator('[data-test-id="canvas-add-button"] button, [data-test-id="canvas-plus-button"]').first().click();
	await page.locator('input[data-test-id="node-creator-search-bar"]').fill(term);
}

async function drive(page: Page, url: string, list: Panel[], workflows: ReturnType<typeof workflowOf>): Promise<void> {
	const workflow = workflows.main;
	// Leaving a workflow with unsaved nodes (the ones added from the nodes panel) asks first: leave.
	page.on('dialog', (dialog) => void dialog.accept().catch(() => undefined));
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
	// The node's panel opens with its triggers listed (the directory events, in Title Case): then fold them and
	// unfold the actions.
	await page.getByText(/^Triggers \(\d+\)$/).first().waitFor();
	await shot(page, 'triggers.png');
	await page.getByText(/^Triggers \(\d+\)$/).first().click();
	await page.getByText(/^Actions \(\d+\)$/).first().click();
	await page.waitForTimeout(500);
	await shot(page, 'actions.png');

	// A trigger picked from the nodes panel opens in the mode of the event picked.
	await step(page, 'trigger-from-panel', async () => {
		await openPanel(page, url, 'jira');
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Atlassian User Provisioning' }).first().click();
		await page.getByText(/^On user deactivated$/i).first().click();
		await page.waitForSelector('[data-test-id="ndv"]');
		await shot(page, 'trigger-from-panel-user-deactivated.png');
	});
	// The audit log has its own entry, found by the same product name and by "audit".
	await step(page, 'audit-log-from-panel', async () => {
		await openPanel(page, url, 'audit log');
		const audit = page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Atlassian Audit Log Trigger' }).first();
		await audit.waitFor();
		await shot(page, 'nodes-panel-audit-log.png');
		await audit.click();
		// A node without events opens its details first: its description, and Add to Workflow.
		await page.getByRole('button', { name: /add to workflow/i }).waitFor();
		await shot(page, 'nodes-panel-audit-log-details.png');
		await page.getByRole('button', { name: /add to workflow/i }).click();
		await page.waitForSelector('[data-test-id="ndv"]');
		await shot(page, 'trigger-audit-log-from-panel.png');
	});
	await step(page, 'nodes-panel-jira-triggers', async () => {
		await openPanel(page, url, 'jira');
		await page.locator('[data-test-id="node-creator-item-name"]', { hasText: 'Atlassian' }).first().waitFor();
		await shot(page, 'nodes-panel-first-step.png');
	});
	// Create without an email: the canvas tooltip of its issue.
	await step(page, 'canvas-create-issue', async () => {
		await page.goto(`${url}/workflow/${workflows.issue.id}`);
		await page.locator('.vue-flow__node').first().waitFor();
		const gotIt = page.getByRole('button', { name: 'Got it' });
		if (await gotIt.isVisible()) await gotIt.click();
		await page.locator('.vue-flow__node [data-test-id="node-issues"]').first().hover();
		await page.waitForTimeout(1200);
		await shot(page, 'canvas-create-issue.png');
	});

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
		if (panel.open) {
			await step(page, panel.file.replace(/\.png$/, ''), async () => {
				await page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${panel.open}"]`).first().click();
				await shot(page, panel.file);
				await page.keyboard.press('Escape');
			});
		} else {
			await shot(page, panel.file);
		}
		// A field that keeps the focus (an opened dropdown's) takes the Escape meant for the panel: blur it first.
		for (let attempt = 0; attempt < 3; attempt++) {
			await page.evaluate('document.activeElement && document.activeElement.blur()');
			await page.keyboard.press('Escape');
			if (await page.locator('[data-test-id="ndv"]').isHidden()) break;
			await page.waitForTimeout(300);
		}
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
