// What an admin sees in n8n's editor, as far as code can tell: labels short enough for their dropdowns,
// guidance on screen (notices, field hints) shown where it is true, aliases, the icon, the subtitle. What only
// rendering can prove is in the PNGs of `npm run screenshots`.
import fs from 'node:fs';
import path from 'node:path';

import { NodeHelpers, Workflow, type INode, type INodeProperties, type INodePropertyCollection, type INodePropertyOptions } from 'n8n-workflow';

import { AtlassianOrganizationApi } from '../../credentials/AtlassianOrganizationApi.credentials';
import { AtlassianScimApi } from '../../credentials/AtlassianScimApi.credentials';
import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { AtlassianUserProvisioningAuditLogTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningAuditLogTrigger.node';
import { AtlassianUserProvisioningTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningTrigger.node';
import { property, shownProperties } from '../helpers/editor';
import { NODE_TYPE } from '../helpers/engine';

const node = new AtlassianUserProvisioning();
const description = node.description;
const ROOT = path.join(__dirname, '../..');
const codex = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'nodes/AtlassianUserProvisioning', file), 'utf8'));

/** Every property, with the options of collections and the values of fixed collections, at any depth. */
function everyProperty(list: INodeProperties[]): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const p of list) {
		out.push(p);
		for (const option of (p.options ?? []) as Array<INodeProperties | INodePropertyCollection | INodePropertyOptions>) {
			if ('values' in option) out.push(...everyProperty(option.values));
			else if ('type' in option) out.push(...everyProperty([option]));
		}
	}
	return out;
}

const names = (list: INodeProperties[]) => list.map((p) => p.name);

describe('labels that fit', () => {
	// The closed mode dropdown of a resource locator has a fixed width. In the PNGs of `npm run screenshots` (n8n 2.41)
	// it cut "By User Name" to "By User", "By Ext. ID" to "By Ext. I" and "By Name" to "By Nam"; n8n's own
	// "From list" showed whole. A rough width in pixels (13 px Inter: narrow, middle and wide letters) puts those cut
	// at 51 and more and "From list" at 49; the modes stay under 45 to leave a margin.
	const NARROW = new Set('ijlrtfI. '.split(''));
	const WIDE = new Set('mwMWNDOQGHUCRVXYAKS'.split(''));
	const width = (text: string) => [...text].reduce((sum, c) => sum + (NARROW.has(c) ? 3.5 : WIDE.has(c) ? 9 : 7.5), 0);

	test('the width estimate agrees with the screenshots', () => {
		for (const cut of ['By User Name', 'By Ext. ID', 'By Name']) expect(width(cut)).toBeGreaterThan(50);
		expect(width('From list')).toBeLessThan(50);
	});

	const locators = new Map(everyProperty(description.properties).filter((p) => p.type === 'resourceLocator').map((p) => [p.name, p]));
	test.each([...locators])('every mode of the %s locator has a name that fits the closed dropdown', (_name, locator) => {
		for (const mode of locator.modes ?? []) {
			if (mode.name === 'list') continue; // n8n shows its own "From list"
			expect(width(mode.displayName)).toBeLessThanOrEqual(45);
		}
	});

	test('the user locator finds users by name (user name), external ID or SCIM ID, each mode named for what it takes', () => {
		const locator = property({ resource: 'user', operation: 'get' }, 'userId');
		expect(locator.modes?.map((m) => [m.name, m.displayName])).toEqual([
			['list', 'From List'],
			['userName', 'Name'],
			['externalId', 'Ext. ID'],
			['id', 'ID'],
		]);
	});

	test('the nodes panel shows a one-line description (in n8n 2.41, 48 characters of it filled the first line)', () => {
		expect(description.description.length).toBeLessThanOrEqual(46);
		expect(new AtlassianUserProvisioningTrigger().description.description.length).toBeLessThanOrEqual(46);
		expect(new AtlassianUserProvisioningAuditLogTrigger().description.description.length).toBeLessThanOrEqual(46);
	});

	test('Timeout names its unit in the label', () => {
		const timeout = everyProperty([description.properties.find((p) => p.name === 'requestOptions')!]).find((p) => p.name === 'timeoutMs')!;
		expect(timeout.displayName).toMatch(/Milliseconds/);
	});
});

describe('guidance on screen where it is true', () => {
	test('Replace Whole User shows a warning notice only while that mode is chosen', () => {
		const notice = (updateMode: string) => shownProperties({ resource: 'user', operation: 'update', updateMode }).filter((p) => p.type === 'notice');
		expect(notice('replace').map((p) => p.displayName).join(' ')).toMatch(/clears[\s\S]*every attribute not set/i);
		expect(notice('patch').map((p) => p.displayName).join(' ')).not.toMatch(/clears/i);
	});

	test.each([
		['user', 'getAll'],
		['group', 'getAll'],
		['account', 'search'],
	])('%s %s: the every-page notice shows only while Return All is on', (resource, operation) => {
		const on = shownProperties({ resource, operation, returnAll: true });
		const off = shownProperties({ resource, operation, returnAll: false });
		expect(on.find((p) => p.name === 'returnAllNotice')?.displayName).toMatch(/every page is fetched/);
		expect(names(off)).not.toContain('returnAllNotice');
		expect(names(off)).toContain('limit');
		expect(property({ resource, operation }, 'returnAll').hint).toBeUndefined();
	});

	test('"cannot rename" shows on Create\'s Name field only, not on every group operation', () => {
		const operation = description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('group'))!;
		expect(operation.hint).toBeUndefined();
		expect(property({ resource: 'group', operation: 'create' }, 'displayName').hint).toMatch(/cannot rename/);
		for (const op of ['addMembers', 'delete', 'get', 'getAll', 'removeMembers']) {
			const shown = shownProperties({ resource: 'group', operation: op });
			expect(JSON.stringify(shown)).not.toMatch(/cannot rename/i);
		}
	});

	test('the Get Many filter limits are a notice (n8n renders no hint on a collection)', () => {
		const users = shownProperties({ resource: 'user', operation: 'getAll' });
		expect(users.find((p) => p.name === 'filtersNotice')?.displayName).toMatch(/only by User Name or External ID[\s\S]*exact match/);
		const groups = shownProperties({ resource: 'group', operation: 'getAll' });
		expect(groups.find((p) => p.name === 'filtersNotice')?.displayName).toMatch(/only by name[\s\S]*exact match/);
	});

	test('no collection or fixed collection carries a hint, which n8n would not show', () => {
		const hidden = everyProperty(description.properties).filter((p) => (p.type === 'collection' || p.type === 'fixedCollection') && p.hint);
		expect(hidden.map((p) => p.name)).toEqual([]);
	});

	test('Create marks User Name and Emails as required', () => {
		expect(property({ resource: 'user', operation: 'create' }, 'userName').required).toBe(true);
		expect(property({ resource: 'user', operation: 'create' }, 'emails').required).toBe(true);
	});

	test.each([
		['create', {}],
		['update', { updateMode: 'replace' }],
	])('%s without an email: the issue n8n shows on the canvas names the Email field', (operation, extra) => {
		// Every issue message, as the canvas tooltip lists them (it shows the messages, not the parameter names).
		const issues = (emails?: unknown) => {
			const parameters = { resource: 'user', operation, ...extra, userId: { __rl: true, mode: 'id', value: 'x' }, userName: 'ada@example.com', ...(emails === undefined ? {} : { emails }) };
			const n = { id: 'n', name: 'n', type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters } as unknown as INode;
			const filled = NodeHelpers.getNodeParameters(description.properties, parameters as never, true, false, n, description);
			return Object.values(NodeHelpers.getNodeParametersIssues(description.properties, { ...n, parameters: filled! }, description)?.parameters ?? {}).flat();
		};
		// A new node: one empty Email row to type into.
		expect(issues()).toEqual(['Parameter "Email" is required.']);
		expect(issues({ email: [{ value: '', type: 'work', primary: false }] })).toEqual(['Parameter "Email" is required.']);
		// Every row removed: n8n's own count message remains.
		expect(issues({})).toEqual(['At least 1 field is required.']);
		expect(issues({ email: [{ value: 'ada@example.com', type: 'work', primary: true }] })).toEqual([]);
	});
});

/**
 * Every panel: each resource and operation, and from there each value of each switch shown on top (a boolean such as
 * Return All or Add Managed or External, an options field such as Update Mode or Tokens).
 */
function everyPanel(): Array<Record<string, unknown>> {
	const panels: Array<Record<string, unknown>> = [];
	for (const operation of description.properties.filter((p) => p.name === 'operation')) {
		const resource = operation.displayOptions!.show!.resource![0];
		for (const option of operation.options as INodePropertyOptions[]) {
			const base = { resource, operation: option.value };
			panels.push(base);
			for (const shown of shownProperties(base)) {
				if (['resource', 'operation'].includes(shown.name)) continue;
				const values = shown.type === 'boolean' ? [true, false] : shown.type === 'options' ? (shown.options as INodePropertyOptions[]).map((o) => o.value) : [];
				for (const value of values) panels.push({ ...base, [shown.name]: value });
			}
		}
	}
	return panels;
}

describe('each field once', () => {
	test.each(everyPanel().map((p) => [JSON.stringify(p), p] as const))('%s: no parameter name is shown twice', (_label, parameters) => {
		const shown = names(shownProperties(parameters));
		expect(shown.filter((name, n) => shown.indexOf(name) !== n)).toEqual([]);
	});

	test('with Add Managed or External on, both credential slots show, each with its own label', () => {
		for (const operation of ['get', 'getAll']) {
			const parameters = { resource: 'user', operation, addManagedStatus: true };
			const n = { parameters, typeVersion: 1 } as unknown as INode;
			const slots = description.credentials!.filter((c) => NodeHelpers.displayParameter(parameters as never, c, n, description));
			expect(slots.map((c) => c.displayName)).toEqual(['Atlassian SCIM API Credential', 'Atlassian Organization API Credential']);
		}
	});
});

describe('credential dialogs', () => {
	const credentials = [new AtlassianScimApi(), new AtlassianOrganizationApi()];

	test.each(credentials.map((c) => [c.displayName, c] as const))('%s opens with a notice saying where the values come from and which key it is', (_name, credential) => {
		const [first] = credential.properties;
		expect(first.type).toBe('notice');
		expect(first.displayName).toMatch(/admin\.atlassian\.com/);
		if (credential.name === 'atlassianScimApi') expect(first.displayName).toMatch(/Identity providers[\s\S]*not the organization API key/);
		else expect(first.displayName).toMatch(/Settings → API keys[\s\S]*not the directory \(SCIM\) key/);
	});

	test.each(credentials.map((c) => [c.displayName, c] as const))('%s: no text that n8n would strip as HTML (<...>)', (_name, credential) => {
		for (const p of credential.properties) {
			for (const text of [p.displayName, p.description, p.hint]) expect(text ?? '').not.toMatch(/<[^>]*>/);
		}
	});

	test('the Organization ID tooltip shows where the ID is in the admin URL', () => {
		const organizationId = new AtlassianOrganizationApi().properties.find((p) => p.name === 'organizationId')!;
		expect(organizationId.description).toMatch(/admin\.atlassian\.com\/o\/\{organization ID\}\//);
	});

	test('the key expiry is a date (no time of day) whose label does not repeat "optional"', () => {
		const expiry = new AtlassianScimApi().properties.find((p) => p.name === 'keyExpiresOn')!;
		expect(expiry.displayName).toBe('Key Expires On');
		expect(expiry.required).toBeFalsy();
		expect(expiry.typeOptions?.dateOnly).toBe(true);
	});
});

describe('found and recognised', () => {
	test.each(['AtlassianUserProvisioning.node.json', 'AtlassianUserProvisioningTrigger.node.json'])('%s: admins find it by product names (Jira, Confluence) and tasks', (file) => {
		const aliases = (codex(file).alias as string[]).map((a) => a.toLowerCase());
		for (const alias of ['jira', 'confluence', 'atlassian access', 'offboarding']) expect(aliases).toContain(alias);
		if (file.startsWith('AtlassianUserProvisioning.')) for (const alias of ['scim', 'guard', 'users']) expect(aliases).toContain(alias);
	});

	test.each(['nodes/AtlassianUserProvisioning/atlassianUserProvisioning.svg', 'nodes/AtlassianUserProvisioning/atlassianUserProvisioning.dark.svg', 'credentials/atlassian.svg', 'credentials/atlassian.dark.svg'])(
		'%s has no green check badge (read as "run succeeded" on the canvas)',
		(file) => {
			const svg = fs.readFileSync(path.join(ROOT, file), 'utf8');
			expect(svg).not.toMatch(/<circle/);
			expect(svg).not.toMatch(/#36b37e|#79f2c0/i);
			expect(svg).toMatch(/<path/);
		},
	);

	test('the canvas subtitle names the operation and the resource, as n8n evaluates it, one text per operation', () => {
		// As n8n's editor does (getNodeSubtitle): the node in a workflow, its subtitle evaluated as a simple parameter.
		const subtitleOf = (parameters: Record<string, unknown>) => {
			const n = { id: 'n', name: 'n', type: NODE_TYPE, typeVersion: 1, position: [0, 0], parameters } as INode;
			const workflow = new Workflow({ nodes: [n], connections: {}, active: false, nodeTypes: { getByNameAndVersion: () => node, getByName: () => node } as never });
			return workflow.expression.getSimpleParameterValue(n, description.subtitle!, 'internal', {});
		};
		const operations = description.properties.filter((p) => p.name === 'operation');
		const seen = new Set<unknown>();
		for (const operation of operations) {
			const resource = operation.displayOptions!.show!.resource![0] as string;
			for (const option of operation.options as INodePropertyOptions[]) {
				const subtitle = subtitleOf({ resource, operation: option.value });
				expect(subtitle).toBe(`${String(option.value)}: ${resource}`);
				seen.add(subtitle);
			}
		}
		// Every resource and operation gets its own subtitle (none collapses into another, none is left unevaluated).
		expect(seen.size).toBe(operations.reduce((n, o) => n + (o.options?.length ?? 0), 0));
		expect(seen.size).toBeGreaterThan(25);
		expect(subtitleOf({ resource: 'account', operation: 'search' })).toBe('search: account');
		// The expression is short, as in n8n's own nodes, instead of a table to keep in sync with the operations.
		expect(description.subtitle!.length).toBeLessThan(100);
	});
});

describe('the screenshots', () => {
	test('the README shows screenshots of the editor (the node, Replace, both triggers), and each exists in docs/screenshots/', () => {
		const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
		const images = [...readme.matchAll(/!\[[^\]]+\]\((docs\/screenshots\/[^)]+\.png)\)/g)].map((m) => m[1]);
		expect(images).toEqual(['docs/screenshots/nodes-panel-step.png', 'docs/screenshots/user-update-replace.png', 'docs/screenshots/triggers.png', 'docs/screenshots/trigger-audit-log.png']);
		for (const image of images) expect(fs.statSync(path.join(ROOT, image)).size).toBeGreaterThan(10_000);
	});

	test('`npm run screenshots` is a manual command, not part of npm test', () => {
		const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
		expect(scripts.screenshots).toMatch(/screenshots\/editor\.js/);
		expect(scripts.test).not.toMatch(/screenshots/);
	});
});
