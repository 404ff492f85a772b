// The node as a tool of n8n's AI Agent, through the real engine: what changes in the tool variant's runs (the type
// n8n names "<name>Tool") and what stays as it was in the node's own runs. What the model receives is proven end to
// end in test-e2e/aiAgent.test.ts.
import { NodeConnectionTypes, NodeHelpers, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { simplifyUser } from '../../nodes/AtlassianUserProvisioning/helpers/output';
import { compactItem } from '../../nodes/AtlassianUserProvisioning/helpers/tool';
import { TOOL_DESCRIPTIONS } from '../../nodes/AtlassianUserProvisioning/helpers/toolDescriptions';
import { seedDemo } from '../../sandbox/demo';
import { seedOrgDemo } from '../../sandbox/org/seed';
import { seedUsers } from '../../sandbox/seed';
import { deterministicUuid } from '../../sandbox/store';
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { NODE_TYPE, runNode, type RunOptions } from '../helpers/engine';

const TOOL_TYPE = `${NODE_TYPE}Tool`;

/**
 * The version a new node gets. The parameters below are those of that version (Simplify a top-level toggle on Get
 * and Get Many, on by default), whether it is numbered 2 beside a version 1 or is the only version.
 */
const PLAIN = new AtlassianUserProvisioning().description;
const VERSION = PLAIN.defaultVersion ?? Math.max(...[PLAIN.version].flat());

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
	seedOrgDemo(sandbox);
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.requests.length = 0;
});

const asTool = (options: Omit<RunOptions, 'credentials'>) =>
	runNode({ ...options, credentials: sandboxCredentials(sandbox), type: TOOL_TYPE, nodeTypes: { [TOOL_TYPE]: toolVariant() } });
const asNode = (options: Omit<RunOptions, 'credentials'>) => runNode({ ...options, credentials: sandboxCredentials(sandbox) });
/** What the model receives: n8n's agent hands it the output items' JSON as text. */
const sent = (items: Array<{ json: unknown }>) => JSON.stringify(items.map((i) => i.json));
const userId = (userName: string) => sandbox.store.users(sandbox.directoryId).find((u) => u.userName === userName)!.id;
const param = (request: { query: string }, name: string) => new URLSearchParams(request.query).get(name);

describe('what n8n sends the model as the tool description', () => {
	const tool = toolVariant();
	const node = (parameters: Record<string, unknown>): INode => ({
		id: 't',
		name: 'Atlassian',
		type: TOOL_TYPE,
		typeVersion: VERSION,
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
		expect(descriptions.size).toBe(11 + 6 + 14);
	});

	test('the user operations say that "User" is a user name or SCIM ID, not an account ID; Get Many says that matches are exact', () => {
		for (const operation of ['get', 'update', 'deactivate', 'reactivate', 'delete']) expect(TOOL_DESCRIPTIONS.user[operation]).toContain('It is never an Atlassian account ID.');
		expect(TOOL_DESCRIPTIONS.user.getAll).toContain('It filters only by its own arguments, if it has any; leave them empty to list users.');
		expect(TOOL_DESCRIPTIONS.user.getAll).toContain('Atlassian matches users only exactly: there is no search by part of a name or email');
	});

	// Issue 29, point 3: the schema holds only the $fromAI() arguments (additionalProperties: false), and the text is
	// fixed before the admin picks them, so it must not promise a filter: no optional filter is named before "Returns".
	test('no operation with optional filters names one of them: it filters by its own arguments', () => {
		const withFilters = PLAIN.properties.filter((p) => p.name === 'filters' && p.type === 'collection');
		expect(withFilters.map((p) => `${p.displayOptions?.show?.resource}:${p.displayOptions?.show?.operation}`).sort()).toEqual(['account:search', 'group:getAll', 'user:getAll']);
		for (const property of withFilters) {
			const resource = String(property.displayOptions?.show?.resource);
			const operation = String(property.displayOptions?.show?.operation);
			const promise = TOOL_DESCRIPTIONS[resource][operation].split(' Returns ')[0].toLowerCase();
			expect(promise).toContain('it filters only by its own arguments');
			for (const option of property.options as Array<{ name: string; displayName: string }>) {
				expect({ operation, named: promise.includes(option.displayName.toLowerCase()) || promise.includes(option.name.toLowerCase()) }).toEqual({ operation, named: false });
			}
		}
		expect(TOOL_DESCRIPTIONS.account.search).not.toMatch(/status, email domains|roles|inactiv/i);
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

/** Ada as the model gets her, whatever the Simplify setting: no name parts, no email, no dates. */
const ADA = {
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
};

describe('compact output: one shape whatever the Simplify setting', () => {
	const ada = { resource: 'user', operation: 'get', userId: locator('userName', 'ada.lovelace@example.com') };

	test('Get user: Simplify on (the default) and off give the model the same compact user, at most 450 characters', async () => {
		const on = await asTool({ parameters: ada });
		const off = await asTool({ parameters: { ...ada, simplify: false } });
		expect(on.error).toBeUndefined();
		expect(on.items.map((i) => i.json)).toEqual([ADA]);
		expect(sent(off.items)).toBe(sent(on.items));
		expect(sent(on.items).length).toBeLessThanOrEqual(450);
		// The node itself still gives what its setting says: flat with the dates, or the SCIM user.
		const plain = await asNode({ parameters: ada });
		expect(plain.items[0].json).toMatchObject({ givenName: 'Ada', familyName: 'Lovelace', primaryEmail: 'ada.lovelace@example.com', created: expect.any(String) });
		expect((await asNode({ parameters: { ...ada, simplify: false } })).items[0].json.schemas).toBeDefined();
	});

	test('every field the model gets is one its description names', async () => {
		const { items } = await asTool({ parameters: { ...ada, addManagedStatus: false } });
		for (const key of Object.keys(items[0].json)) expect({ key, named: TOOL_DESCRIPTIONS.user.get.includes(key) }).toEqual({ key, named: true });
	});

	test('Get Many users and the groups: the same with Simplify on and off', async () => {
		const cases = [
			{ resource: 'user', operation: 'getAll', returnAll: true },
			{ resource: 'group', operation: 'getAll', returnAll: true },
			{ resource: 'group', operation: 'get', groupId: locator('name', 'research') },
		];
		for (const parameters of cases) {
			const on = await asTool({ parameters });
			const off = await asTool({ parameters: { ...parameters, simplify: false } });
			expect(on.error).toBeUndefined();
			expect(sent(off.items)).toBe(sent(on.items));
		}
		const users = await asTool({ parameters: cases[0] });
		expect(users.items[0].json).toEqual(ADA);
		const group = await asTool({ parameters: cases[2] });
		expect(group.items.map((i) => i.json)).toEqual([{ id: expect.any(String), name: 'research', memberCount: 3, memberNames: expect.arrayContaining(['ada.lovelace@example.com']) }]);
	});

	test('name parts that are not the display name, and an email that is not the user name, are kept; dates never', () => {
		const scim = {
			schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
			id: 'u1',
			userName: 'jdoe',
			displayName: 'Jo Doe',
			name: { givenName: 'Johanna', familyName: 'Doe' },
			emails: [{ value: 'jo.doe@example.com', primary: true }],
			active: true,
			meta: { created: '2025-01-01T00:00:00Z', lastModified: '2025-01-02T00:00:00Z' },
		};
		const expected = { id: 'u1', userName: 'jdoe', displayName: 'Jo Doe', givenName: 'Johanna', familyName: 'Doe', primaryEmail: 'jo.doe@example.com', active: true };
		expect(compactItem(scim)).toEqual(expected);
		expect(compactItem(simplifyUser(scim))).toEqual(expected);
		expect(compactItem({ ...simplifyUser(scim), managedAccount: true })).toEqual({ ...expected, managedAccount: true });
	});
});

describe('Get Many users as a tool', () => {
	const listAll = { resource: 'user', operation: 'getAll', returnAll: true, filters: { userName: '' } };

	test('an empty filter lists users: compact, at most Max Items, with a note; only one more is fetched', async () => {
		const { items, error } = await asTool({ parameters: { ...listAll, toolMaxItems: 3 } });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items[3].json).toEqual({ note: expect.stringMatching(/^Only the first 3 items are shown: there are more\. /) });
		expect(items[0].json).toEqual(ADA);
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
		const { items } = await asTool({ parameters: { ...listAll, simplify: false, toolCompactOutput: false, toolMaxItems: 2 } });
		expect(items[0].json.schemas).toBeDefined();
		expect(items).toHaveLength(3);
	});

	test('the node itself: an empty filter is still refused, and Return All returns everything', async () => {
		const refused = await asNode({ parameters: listAll });
		expect(refused.error?.message).toBe('Filters: User Name: must not be empty');
		const all = await asNode({ parameters: { resource: 'user', operation: 'getAll', returnAll: true, simplify: false } });
		expect(all.items).toHaveLength(8);
		expect(all.items[0].json.schemas).toBeDefined();
		expect(all.items.some((i) => i.json.note)).toBe(false);
	});
});

describe('the "more available" note advises what this tool can send', () => {
	// $fromAI() reads the tool's arguments from the input item, as n8n hands them to the tool node.
	const fromAi = (key: string, description: string, type = 'string', fallback: unknown = '') => `={{ $fromAI('${key}', '${description}', '${type}', ${JSON.stringify(fallback)}) }}`;

	test('Get Many users: the argument that takes the exact user name', async () => {
		const parameters = { resource: 'user', operation: 'getAll', returnAll: true, toolMaxItems: 3, filters: { userName: fromAi('email', 'Exact user name; empty to list') } };
		const { items, error } = await asTool({ parameters, input: [{ email: '' }] });
		expect(error).toBeUndefined();
		expect(items[3].json.note).toBe('Only the first 3 items are shown: there are more. Narrow the request with "email" (the exact user name, usually the email) instead of listing everything.');
		expect(items[3].json.note).not.toMatch(/search term/);
	});

	test('a tool without a filter argument says that it cannot narrow the list', async () => {
		const { items } = await asTool({ parameters: { resource: 'user', operation: 'getAll', returnAll: true, toolMaxItems: 3 } });
		expect(items[3].json.note).toBe('Only the first 3 items are shown: there are more. This tool takes no argument that narrows the list: say that it is incomplete.');
	});

	test('Get Many groups: the exact group name', async () => {
		const parameters = { resource: 'group', operation: 'getAll', returnAll: true, toolMaxItems: 1, filters: { displayName: fromAi('group', 'Exact group name; empty to list') } };
		const { items } = await asTool({ parameters, input: [{ group: '' }] });
		expect(items[1].json.note).toBe('Only the first 1 items are shown: there are more. Narrow the request with "group" (the exact group name) instead of listing everything.');
	});

	test('Get Many accounts: the search term, and a higher limit when the limit cut the list', async () => {
		const parameters = {
			resource: 'account',
			operation: 'search',
			limit: fromAi('limit', 'How many accounts at most', 'number', 10),
			filters: { searchTerm: fromAi('searchTerm', 'Part of a name or email; empty to list') },
		};
		const { items, error } = await asTool({ parameters, input: [{ limit: 2, searchTerm: '' }] });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[2].json.note).toBe('Only the first 2 items are shown: there are more. Narrow the request with "searchTerm" (a search term: part of a name, nickname or email) or a higher "limit" instead of listing everything.');
	});
});

describe('errors as a tool carry their hint in the message', () => {
	test('a wrong user name', async () => {
		const parameters = { resource: 'user', operation: 'get', userId: locator('userName', 'nobody@example.com') };
		const tool = await asTool({ parameters, continueOnFail: true });
		expect(tool.items[0].json.error).toBe(
			'User: no user has the user name "nobody@example.com" in this directory. Item 1, field "User". A valid value looks like the exact user name (usually the email) or the SCIM user ID (the "id" of Get Many users).',
		);
		const plain = await asNode({ parameters, continueOnFail: true });
		expect(plain.items[0].json.error).toBe('User (Name): no user has the user name "nobody@example.com" in this directory');
		expect(plain.items[0].error?.description).toBe('Item 1, field "User (Name)". A valid value looks like the exact user name, usually the email. A record can hold this email under another user name: Get SCIM Links (by email) names it.');
	});

	test('an API error (404) without continue-on-fail: the thrown error says it too', async () => {
		const { error } = await asTool({ parameters: { resource: 'user', operation: 'get', userId: locator('id', '00000000-0000-4000-8000-000000000000') } });
		expect(error?.message).toMatch(/^Not found: user "00000000-0000-4000-8000-000000000000"\. The user or group may have been deleted.*Check the ID/);
	});
});

describe('the user locator as a tool: a user name or a SCIM ID in every mode', () => {
	const get = (mode: string, value: string) => ({ resource: 'user', operation: 'get', userId: { __rl: true, mode, value } });

	test('Name mode given a SCIM ID: not found as a user name, found as the ID; the node itself refuses it', async () => {
		const id = userId('grace.hopper@example.com');
		const tool = await asTool({ parameters: get('userName', id) });
		expect(tool.error).toBeUndefined();
		expect(tool.items.map((i) => i.json.userName)).toEqual(['grace.hopper@example.com']);
		expect(sandbox.requests.map((r) => [r.path.replace(id, '{id}'), param(r, 'filter')])).toEqual([
			['/scim/directory/' + sandbox.directoryId + '/Users', `userName eq "${id}"`],
			['/scim/directory/' + sandbox.directoryId + '/Users/{id}', null],
		]);
		const plain = await asNode({ parameters: get('userName', id) });
		expect(plain.error?.message).toBe(`User (Name): no user has the user name "${id}" in this directory`);
	});

	test('Name mode given an ID that no user has: one error naming both forms', async () => {
		const { items } = await asTool({ parameters: get('userName', '00000000-0000-4000-8000-000000000000'), continueOnFail: true });
		expect(items[0].json.error).toMatch(/^User: no user has the user name or SCIM user ID "00000000-0000-4000-8000-000000000000" in this directory\. .*the SCIM user ID/);
	});

	test('From List or By ID given a user name (an email) looks it up as one; the node itself sends it as an ID', async () => {
		for (const mode of ['list', 'id']) {
			const tool = await asTool({ parameters: get(mode, 'grace.hopper@example.com') });
			expect(tool.items.map((i) => i.json.userName)).toEqual(['grace.hopper@example.com']);
		}
		const plain = await asNode({ parameters: get('list', 'grace.hopper@example.com') });
		expect(plain.error?.message).toBe('Not found: user "grace.hopper@example.com"');
	});

	test('By ID given a SCIM ID takes it without a lookup, as the node does', async () => {
		const id = userId('grace.hopper@example.com');
		const tool = await asTool({ parameters: get('id', id) });
		expect(tool.items.map((i) => i.json.userName)).toEqual(['grace.hopper@example.com']);
		expect(sandbox.requests.filter((r) => param(r, 'filter'))).toEqual([]);
	});

	test('External ID mode given a user name or a SCIM ID', async () => {
		const byName = await asTool({ parameters: get('externalId', 'grace.hopper@example.com') });
		expect(byName.items.map((i) => i.json.userName)).toEqual(['grace.hopper@example.com']);
		const byId = await asTool({ parameters: get('externalId', userId('ada.lovelace@example.com')) });
		expect(byId.items.map((i) => i.json.userName)).toEqual(['ada.lovelace@example.com']);
		const byExternalId = await asTool({ parameters: get('externalId', 'okta-hopper') });
		expect(byExternalId.items.map((i) => i.json.userName)).toEqual(['grace.hopper@example.com']);
	});

	test('the group locator and member lists take both forms too', async () => {
		const groupId = sandbox.store.directory(sandbox.directoryId)!.groupIdByName('research')!;
		const group = await asTool({ parameters: { resource: 'group', operation: 'get', groupId: locator('name', groupId) } });
		expect(group.items.map((i) => i.json.name)).toEqual(['research']);
		const byName = await asTool({ parameters: { resource: 'group', operation: 'get', groupId: locator('id', 'engineering') } });
		expect(byName.items.map((i) => i.json.name)).toEqual(['engineering']);
		const added = await asTool({
			parameters: { resource: 'group', operation: 'addMembers', groupId: locator('name', 'research'), membersAre: 'userName', members: userId('radia.perlman@example.com') },
		});
		expect(added.error).toBeUndefined();
		const idsGiven = await asTool({
			parameters: { resource: 'group', operation: 'removeMembers', groupId: locator('name', 'research'), membersAre: 'id', members: 'radia.perlman@example.com' },
		});
		expect(idsGiven.error).toBeUndefined();
		expect(sandbox.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
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

// Last: it adds users to the directory.
describe('large results: a group\'s members are cut like items', () => {
	beforeAll(() => {
		const dir = sandbox.store.directory(sandbox.directoryId)!;
		seedUsers(sandbox.store, dir, 120);
		const group = dir.addGroup({ id: deterministicUuid('tool-test:big'), displayName: 'everyone', members: new Set(), created: '2025-01-01T00:00:00.000Z', lastModified: '2025-01-01T00:00:00.000Z' });
		for (const user of dir.list()) dir.addMember(group, user.id);
	});

	test('Get group: the first Max Items member names, memberCount the total, and the note; Simplify on or off', async () => {
		const parameters = { resource: 'group', operation: 'get', groupId: locator('name', 'everyone') };
		for (const simplify of [true, false]) {
			const { items, error } = await asTool({ parameters: { ...parameters, simplify } });
			expect(error).toBeUndefined();
			const [group] = items.map((i) => i.json);
			expect(group.memberCount).toBe(128);
			expect(group.memberNames).toHaveLength(50);
			expect(group.note).toBe('Only the first 50 members are shown: there are 128 (memberCount). This tool cannot list the rest.');
		}
		const small = await asTool({ parameters: { ...parameters, toolMaxItems: 5 } });
		expect(small.items[0].json.memberNames).toHaveLength(5);
		const raw = await asTool({ parameters: { ...parameters, simplify: false, toolCompactOutput: false } });
		expect(raw.items[0].json.members).toHaveLength(50);
		expect(raw.items[0].json.note).toMatch(/^Only the first 50 members are shown: there are 128/);
		// The node itself: every member.
		expect((await asNode({ parameters })).items[0].json.memberNames).toHaveLength(128);
	});

	test('Get Many of 50 users: at most 22,000 characters', async () => {
		const { items } = await asTool({ parameters: { resource: 'user', operation: 'getAll', returnAll: true } });
		expect(items).toHaveLength(51);
		expect(sent(items).length).toBeLessThanOrEqual(22_000);
	});
});
