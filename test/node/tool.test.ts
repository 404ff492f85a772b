// The node as a tool of n8n's AI Agent, through the real engine: what changes in the tool variant's runs (the type
// n8n names "<name>Tool") and what stays as it was in the node's own runs. What the model receives is proven end to
// end in test-e2e/aiAgent.test.ts.
import { NodeConnectionTypes, NodeHelpers, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { TOOL_DESCRIPTIONS } from '../../nodes/AtlassianUserProvisioning/helpers/toolDescriptions';
import { seedDemo } from '../../sandbox/demo';
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { NODE_TYPE, runNode, type RunOptions } from '../helpers/engine';

const TOOL_TYPE = `${NODE_TYPE}Tool`;

/** The tool variant as n8n 2.41 makes it (n8n's convertNodeToAiTool): the same node, its name + "Tool", no main input. */
function toolVariant(): AtlassianUserProvisioning {
	const node = new AtlassianUserProvisioning();
	const description: INodeTypeDescription = { ...node.description, name: `${node.description.name}Tool`, displayName: `${node.description.displayName} Tool`, inputs: [], outputs: [NodeConnectionTypes.AiTool] };
	delete description.usableAsTool;
	node.description = description;
	return node;
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox();
	seedDemo(sandbox);
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.requests.length = 0;
});

const asTool = (options: Omit<RunOptions, 'credentials'>) =>
	runNode({ ...options, credentials: sandboxCredentials(sandbox), type: TOOL_TYPE, nodeTypes: { [TOOL_TYPE]: toolVariant() } });
const asNode = (options: Omit<RunOptions, 'credentials'>) => runNode({ ...options, credentials: sandboxCredentials(sandbox) });
const param = (request: { query: string }, name: string) => new URLSearchParams(request.query).get(name);

describe('what n8n sends the model as the tool description', () => {
	const tool = toolVariant();
	const node = (parameters: Record<string, unknown>): INode => ({
		id: 't',
		name: 'Atlassian',
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [0, 0],
		// The editor saves only what differs from the defaults; n8n fills them in when it loads the workflow.
		parameters: NodeHelpers.getNodeParameters(tool.description.properties, parameters as never, true, false, null, tool.description) as never,
	});

	test.each([
		['user', 'get'],
		['user', 'getAll'],
		['user', 'update'],
		['group', 'getAll'],
		['account', 'search'],
	])('%s %s: its tool description, not the action text', (resource, operation) => {
		const description = NodeHelpers.getToolDescriptionForNode(node({ resource, operation }), tool);
		expect(description).toBe(TOOL_DESCRIPTIONS[resource][operation]);
	});

	test('every operation has a description of its own, naming what it needs', () => {
		const descriptions = new Set<string>();
		for (const property of tool.description.properties.filter((p) => p.name === 'operation')) {
			for (const resource of property.displayOptions?.show?.resource as string[]) {
				for (const option of property.options as Array<{ value: string }>) {
					const text = NodeHelpers.getToolDescriptionForNode(node({ resource, operation: option.value }), tool);
					expect(text.length).toBeGreaterThan(60);
					expect(text).not.toMatch(/ in Atlassian User Provisioning$/);
					descriptions.add(text);
				}
			}
		}
		expect(descriptions.size).toBe(10 + 6 + 14);
	});

	test('the user operations say that "User" is a user name or SCIM ID, not an account ID; Get Many says what Atlassian can filter by', () => {
		for (const operation of ['get', 'update', 'deactivate', 'reactivate', 'delete']) expect(TOOL_DESCRIPTIONS.user[operation]).toContain('It is never an Atlassian account ID.');
		expect(TOOL_DESCRIPTIONS.user.getAll).toContain('filters users only by exact user name (usually the email, not case-sensitive) or exact external ID');
		expect(TOOL_DESCRIPTIONS.user.getAll).toContain('Leave the filter empty to list users.');
	});

	test('a description the admin wrote is kept; tools saved with n8n\'s own "Set Automatically" get the new one', () => {
		expect(NodeHelpers.getToolDescriptionForNode(node({ resource: 'user', operation: 'get', toolDescription: 'Look up a colleague' }), tool)).toBe('Look up a colleague');
		expect(NodeHelpers.getToolDescriptionForNode(node({ resource: 'user', operation: 'get', descriptionType: 'manual', toolDescription: 'Look up a colleague' }), tool)).toBe('Look up a colleague');
		expect(NodeHelpers.getToolDescriptionForNode(node({ resource: 'user', operation: 'get', descriptionType: 'auto' }), tool)).toBe(TOOL_DESCRIPTIONS.user.get);
	});

	test('the node itself shows none of the tool fields', () => {
		const plain = new AtlassianUserProvisioning().description;
		const parameters = NodeHelpers.getNodeParameters(plain.properties, { resource: 'user', operation: 'get' } as never, true, false, null, plain) as Record<string, unknown>;
		expect(Object.keys(parameters).filter((key) => key.startsWith('tool'))).toEqual([]);
	});
});

describe('Get Many users as a tool', () => {
	const listAll = { resource: 'user', operation: 'getAll', returnAll: true, filters: { userName: '' } };

	test('an empty filter lists users: compact, at most Max Items, with a note; only one more is fetched', async () => {
		const { items, error } = await asTool({ parameters: { ...listAll, toolMaxItems: 3 } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items[3].json).toEqual({ note: 'Only the first 3 items are shown: there are more. Narrow the request with a filter (e.g. an exact user name or a search term) instead of listing everything.' });
		expect(items[0].json).toEqual({
			id: expect.any(String),
			userName: 'ada.lovelace@example.com',
			displayName: 'Ada Lovelace',
			active: true,
			title: 'Analyst',
			department: 'Research',
			organization: 'Example Org',
			timezone: 'Europe/London',
			preferredLanguage: 'en-US',
			externalId: 'okta-lovelace',
			atlassianAccountId: expect.any(String),
			groups: ['research'],
			created: expect.any(String),
			lastModified: expect.any(String),
		});
		const lists = sandbox.requests.filter((r) => r.path.endsWith('/Users'));
		expect(lists.map((r) => [param(r, 'filter'), param(r, 'count')])).toEqual([[null, '4']]);
	});

	test('no more than Max Items (50 by default) even with Return All; no note when all fit', async () => {
		const { items } = await asTool({ parameters: listAll });
		expect(items).toHaveLength(8);
		expect(items.some((i) => i.json.note)).toBe(false);
		expect(param(sandbox.requests.find((r) => r.path.endsWith('/Users'))!, 'count')).toBe('51');
	});

	test('a Limit below Max Items is kept, with the note when there are more', async () => {
		const { items } = await asTool({ parameters: { ...listAll, returnAll: false, limit: 2 } });
		expect(items.map((i) => Object.keys(i.json)[0])).toEqual(['id', 'id', 'note']);
	});

	test('Compact Output off: the users as the node gives them (still at most Max Items)', async () => {
		const { items } = await asTool({ parameters: { ...listAll, toolCompactOutput: false, toolMaxItems: 2 } });
		expect(items[0].json.schemas).toBeDefined();
		expect(items).toHaveLength(3);
	});

	test('the node itself: an empty filter is still refused, and Return All returns everything, raw', async () => {
		const refused = await asNode({ parameters: listAll });
		expect(refused.error?.message).toBe('Filters: User Name: must not be empty');
		const all = await asNode({ parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
		expect(all.items).toHaveLength(8);
		expect(all.items[0].json.schemas).toBeDefined();
		expect(all.items.some((i) => i.json.note)).toBe(false);
	});
});

describe('errors as a tool carry their hint in the message', () => {
	test('a wrong user name', async () => {
		const parameters = { resource: 'user', operation: 'get', userId: locator('userName', 'nobody@example.com') };
		const tool = await asTool({ parameters, continueOnFail: true });
		expect(tool.items[0].json.error).toBe('User (By User Name): no user has the user name "nobody@example.com" in this directory. Item 1, field "User (By User Name)". A valid value looks like the exact user name, usually the email.');
		const plain = await asNode({ parameters, continueOnFail: true });
		expect(plain.items[0].json.error).toBe('User (By User Name): no user has the user name "nobody@example.com" in this directory');
		expect(plain.items[0].error?.description).toBe('Item 1, field "User (By User Name)". A valid value looks like the exact user name, usually the email.');
	});

	test('an API error (404) without continue-on-fail: the thrown error says it too', async () => {
		const { error } = await asTool({ parameters: { resource: 'user', operation: 'get', userId: locator('id', '00000000-0000-4000-8000-000000000000') } });
		expect(error?.message).toMatch(/^Not found: user "00000000-0000-4000-8000-000000000000"\. The user or group may have been deleted.*Check the ID/);
	});
});

describe('the user locator as a tool', () => {
	test('From List or By ID given a user name (an email) looks it up as one; the node itself sends it as an ID', async () => {
		const parameters = { resource: 'user', operation: 'get', userId: locator('list', 'grace.hopper@example.com') };
		const tool = await asTool({ parameters });
		expect(tool.items.map((i) => i.json.userName)).toEqual(['grace.hopper@example.com']);
		const plain = await asNode({ parameters });
		expect(plain.error?.message).toBe('Not found: user "grace.hopper@example.com"');
	});
});

describe('Update with What Changed as a tool', () => {
	test('the changes without the raw user; the node itself keeps the user', async () => {
		const parameters = (title: string) => ({
			resource: 'user',
			operation: 'update',
			userId: locator('userName', 'katherine.johnson@example.com'),
			updateFields: { title },
			options: { output: 'changes' },
		});
		const tool = await asTool({ parameters: parameters('Senior Mathematician') });
		expect(tool.items.map((i) => i.json)).toEqual([
			{
				id: expect.any(String),
				userName: 'katherine.johnson@example.com',
				displayName: 'Katherine Johnson',
				changed: true,
				changes: [{ field: 'Title', before: 'Mathematician', after: 'Senior Mathematician' }],
				summary: 'Title: Mathematician → Senior Mathematician',
			},
		]);
		// The node itself, with Simplify off, adds the user as Atlassian returns it.
		const plain = await asNode({ parameters: { ...parameters('Mathematician'), simplify: false } });
		expect(plain.items[0].json.user).toMatchObject({ userName: 'katherine.johnson@example.com', title: 'Mathematician' });
	});
});
