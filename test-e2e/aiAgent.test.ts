/**
 * The node as a tool of n8n's AI Agent, end to end: a real n8n 2.41.1 runs Manual Trigger → AI Agent with an OpenAI
 * Chat Model whose credential points at a local stand-in for the model (scripts/e2e/modelStub.ts, 127.0.0.1) and this
 * node's tool variant (`…atlassianUserProvisioningTool`) with `$fromAI` parameters, against the Atlassian sandbox.
 * The stand-in records what n8n sent the model: the tool's description and JSON schema, and the tool's answers.
 */
import fs from 'node:fs';
import path from 'node:path';

import { seedDemo } from '../sandbox/demo';
import { seedOrgDemo } from '../sandbox/org/seed';
import { TOOL_DESCRIPTIONS } from '../nodes/AtlassianUserProvisioning/helpers/toolDescriptions';
import { startSandbox, type Sandbox } from '../sandbox';
import { CREDENTIAL_IDS, sandboxCredentials } from '../scripts/e2e/fixtures';
import { startModelStub, type ModelStub, type ToolCall } from '../scripts/e2e/modelStub';
import { N8n, type RunResult } from '../scripts/e2e/n8n';

const TOOL_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioningTool';
const OPENAI_CREDENTIAL = { id: 'openAiStub000001', name: 'OpenAI (local stand-in)' };

let sandbox: Sandbox;
let model: ModelStub;
let n8n: N8n;

const scim = { atlassianScimApi: { id: CREDENTIAL_IDS.scim, name: 'Atlassian SCIM API (sandbox)' } };
const org = { atlassianOrganizationApi: { id: CREDENTIAL_IDS.org, name: 'Atlassian Organization API (sandbox)' } };

/** Manual Trigger → AI Agent, with the OpenAI Chat Model and one tool node of this package. */
function agentWorkflow(id: string, tool: { name: string; parameters: Record<string, unknown>; credentials: Record<string, unknown> }) {
	return {
		id,
		name: `ai agent: ${tool.name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-2`,
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [220, 0],
				parameters: { promptType: 'define', text: 'Answer the admin with the Atlassian tool.', options: {} },
			},
			{
				id: `${id}-3`,
				name: 'Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				// 1.2: the chat-completions API (1.3 defaults to the Responses API).
				typeVersion: 1.2,
				position: [120, 200],
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{ id: `${id}-4`, name: tool.name, type: TOOL_TYPE, typeVersion: 1, position: [320, 200], parameters: tool.parameters, credentials: tool.credentials },
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			Model: { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[tool.name]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

const TOOLS = {
	listUsers: {
		name: 'Directory users',
		parameters: {
			resource: 'user',
			operation: 'getAll',
			filters: { userName: "={{ $fromAI('userName', 'Exact user name (email) to find one user; empty to list users', 'string', '') }}" },
			toolMaxItems: 5,
		},
		credentials: scim,
	},
	getUser: {
		name: 'Get user',
		parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'userName', value: "={{ $fromAI('userName', 'The user name, usually the email', 'string') }}" } },
		credentials: scim,
	},
	getUserFromList: {
		name: 'Get user from list',
		parameters: { resource: 'user', operation: 'get', userId: { __rl: true, mode: 'list', value: "={{ $fromAI('User', ``, 'string') }}" } },
		credentials: scim,
	},
	updateUser: {
		name: 'Update user',
		parameters: {
			resource: 'user',
			operation: 'update',
			userId: { __rl: true, mode: 'userName', value: "={{ $fromAI('userName', 'The user name, usually the email', 'string') }}" },
			updateFields: { title: "={{ $fromAI('title', 'The new job title', 'string') }}" },
			options: { output: 'changes' },
		},
		credentials: scim,
	},
	searchAccounts: {
		name: 'Search accounts',
		parameters: {
			resource: 'account',
			operation: 'search',
			limit: "={{ $fromAI('limit', 'How many accounts at most', 'number', 10) }}",
			filters: { searchTerm: "={{ $fromAI('searchTerm', 'Part of a name or email; empty to list accounts', 'string', '') }}" },
		},
		credentials: org,
	},
};

const IDS: Record<keyof typeof TOOLS, string> = {
	listUsers: 'aiAgentList00001',
	getUser: 'aiAgentGet000001',
	getUserFromList: 'aiAgentGetList01',
	updateUser: 'aiAgentUpdate001',
	searchAccounts: 'aiAgentSearch001',
};

const toolName = (key: keyof typeof TOOLS) => TOOLS[key].name.replace(/[^a-zA-Z0-9_-]+/g, '_');

/** What the model saw in one run; written to .cache/e2e/ai-agent-tools.json for the record. */
const record: Record<string, unknown> = {};

async function ask(key: keyof typeof TOOLS, calls: Array<ToolCall['arguments']>): Promise<{ result: RunResult; tool: any; answers: string[] }> {
	model.plan(calls.map((args) => ({ name: toolName(key), arguments: args })), 'Here is what I found.');
	const result = await n8n.execute(IDS[key]);
	expect(model.requests.length).toBe(calls.length + 1);
	const tool = model.requests[0].body.tools?.find((t) => t.function.name === toolName(key));
	const answers = model.toolMessages();
	record[`${key} ${JSON.stringify(calls)}`] = { tool, answers };
	return { result, tool, answers };
}

beforeAll(async () => {
	sandbox = await startSandbox();
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
	model = await startModelStub();
	n8n = await N8n.create('ai-agent');
	await n8n.importCredentials([
		...sandboxCredentials(sandbox, 9),
		{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-local-stub', url: model.url, header: false } },
	]);
	await n8n.importWorkflows((Object.keys(TOOLS) as Array<keyof typeof TOOLS>).map((key) => agentWorkflow(IDS[key], TOOLS[key])));
});

afterAll(async () => {
	fs.writeFileSync(path.join(n8n.userFolder, '..', '..', 'ai-agent-tools.json'), JSON.stringify(record, null, 2));
	await model?.close();
	await sandbox?.close();
	n8n?.cleanup();
});

/** A sandbox request's query parameter (decoded), or null. */
const param = (request: { query: string }, name: string) => new URLSearchParams(request.query).get(name);

/** The answer as the model got it (the tool message is the JSON text of the node's output items). */
const parsed = (answer: string) => JSON.parse(answer) as Array<Record<string, any>>;

/** Whether a value holds null, empty text or an empty list anywhere (compact output has none). */
const hasEmpty = (value: unknown): boolean =>
	value === null || value === '' || (Array.isArray(value) ? value.length === 0 || value.some(hasEmpty) : typeof value === 'object' && Object.values(value as object).some(hasEmpty));

test('Get Many users: one tool lists (empty filter) and finds; a described schema; at most Max Items, with a note', async () => {
	sandbox.requests.length = 0;
	const { result, tool, answers } = await ask('listUsers', [{}]);
	expect(result.run?.status).toBe('success');
	// The description is the operation's tool description, not the action text "Get many users in …".
	expect(tool.function.description).toBe(TOOL_DESCRIPTIONS.user.getAll);
	expect(tool.function.description).toMatch(/only by exact user name \(usually the email/);
	// The filter is optional: a $fromAI default of '' leaves it out of "required".
	expect(tool.function.parameters.properties.userName).toEqual({ type: 'string', description: 'Exact user name (email) to find one user; empty to list users', default: '' });
	expect(tool.function.parameters.required ?? []).not.toContain('userName');
	// No filter sent, and only one user more than Max Items (5) fetched.
	const list = sandbox.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Users'));
	expect(list).toHaveLength(1);
	expect(param(list[0], 'filter')).toBeNull();
	expect(param(list[0], 'count')).toBe('6');
	const items = parsed(answers[0]);
	expect(items).toHaveLength(6);
	expect(items[5]).toEqual({ note: expect.stringMatching(/^Only the first 5 items are shown: there are more\./) });
	for (const user of items.slice(0, 5)) {
		expect(Object.keys(user)).toEqual(expect.arrayContaining(['id', 'userName', 'displayName', 'active', 'atlassianAccountId']));
		// The email that is the user name, and the name parts of the display name, are not repeated.
		expect(user).not.toHaveProperty('primaryEmail');
		expect(user).not.toHaveProperty('givenName');
		expect(hasEmpty(user)).toBe(false);
	}
	// Under 500 characters a user (the raw SCIM user: about 1,280; before this, Get Many could hand over the whole directory).
	expect(answers[0].length).toBeLessThan(5 * 500 + 200);

	sandbox.requests.length = 0;
	const found = await ask('listUsers', [{ userName: 'Grace.Hopper@example.com' }]);
	expect(param(sandbox.requests.find((r) => r.path.endsWith('/Users'))!, 'filter')).toBe('userName eq "Grace.Hopper@example.com"');
	expect(parsed(found.answers[0]).map((u) => u.userName)).toEqual(['grace.hopper@example.com']);
});

test('Get by user name: a compact user; a wrong user name comes back with the hint in the message', async () => {
	sandbox.requests.length = 0;
	const { tool, answers } = await ask('getUser', [{ userName: 'grace.hopper@example.com' }]);
	expect(tool.function.description).toBe(TOOL_DESCRIPTIONS.user.get);
	expect(tool.function.description).toContain('never an Atlassian account ID');
	expect(tool.function.parameters).toMatchObject({ properties: { userName: { type: 'string', description: 'The user name, usually the email' } }, required: ['userName'] });
	expect(sandbox.requests.some((r) => param(r, 'filter') === 'userName eq "grace.hopper@example.com"')).toBe(true);
	const [grace] = parsed(answers[0]);
	expect(grace).toMatchObject({ userName: 'grace.hopper@example.com', title: 'Rear Admiral of Engineering', active: true, groups: ['engineering'] });
	expect(grace.schemas).toBeUndefined();
	expect(hasEmpty(grace)).toBe(false);
	expect(answers[0].length).toBeLessThan(500);

	const wrong = await ask('getUser', [{ userName: 'nobody@example.com' }]);
	const [error] = parsed(wrong.answers[0]);
	expect(error.error).toBe('User (Name): no user has the user name "nobody@example.com" in this directory. Item 1, field "User (Name)". A valid value looks like the exact user name, usually the email. A record can hold this email under another user name: Get SCIM Links (by email) names it.');
});

test('Get with the locator left on From List: a user name from the model is looked up as one (no 404)', async () => {
	const { answers } = await ask('getUserFromList', [{ User: 'grace.hopper@example.com' }]);
	expect(parsed(answers[0])).toEqual([expect.objectContaining({ userName: 'grace.hopper@example.com' })]);
	const wrong = await ask('getUserFromList', [{ User: '00000000-0000-4000-8000-000000000000' }]);
	const [error] = parsed(wrong.answers[0]);
	expect(error.error).toMatch(/^Not found: user "00000000-0000-4000-8000-000000000000"\. .*Check the ID/);
});

test('Update with What Changed: the changes without the raw user', async () => {
	sandbox.requests.length = 0;
	const { tool, answers } = await ask('updateUser', [{ userName: 'ada.lovelace@example.com', title: 'Chief Analyst' }]);
	expect(tool.function.description).toBe(TOOL_DESCRIPTIONS.user.update);
	expect(tool.function.parameters.required).toEqual(['userName', 'title']);
	expect(sandbox.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
	expect(sandbox.store.users(sandbox.directoryId).find((u) => u.userName === 'ada.lovelace@example.com')?.title).toBe('Chief Analyst');
	const [changes] = parsed(answers[0]);
	expect(changes).toEqual({
		id: expect.any(String),
		userName: 'ada.lovelace@example.com',
		displayName: 'Ada Lovelace',
		changed: true,
		changes: [{ field: 'Title', before: 'Analyst', after: 'Chief Analyst' }],
		summary: 'Title: Analyst → Chief Analyst',
	});
	expect(answers[0].length).toBeLessThan(300);
});

test('Organization Account Get Many: a search term, and a wrong limit with its hint', async () => {
	sandbox.requests.length = 0;
	const { tool, answers } = await ask('searchAccounts', [{ searchTerm: 'lovelace' }]);
	expect(tool.function.description).toBe(TOOL_DESCRIPTIONS.account.search);
	expect(tool.function.parameters.required ?? []).toEqual([]);
	const search = sandbox.requests.find((r) => r.method === 'POST' && r.path.endsWith('/users/search'));
	expect(JSON.parse(search!.body)).toMatchObject({ searchTerm: 'lovelace', limit: 11 });
	const accounts = parsed(answers[0]);
	expect(accounts.map((a) => a.email)).toEqual(['ada.lovelace@example.com']);
	expect(hasEmpty(accounts)).toBe(false);
	expect(accounts[0]).not.toHaveProperty('picture');
	expect(answers[0].length).toBeLessThan(600);

	const wrong = await ask('searchAccounts', [{ searchTerm: 'lovelace', limit: 0 }]);
	const [error] = parsed(wrong.answers[0]);
	expect(error.error).toBe('Limit: 0 is not a positive whole number. Item 1, field "Limit". A valid value looks like 50.');
});
