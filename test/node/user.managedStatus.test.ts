// Get and Get Many can say whether each user's account is managed (verified domain) or external: SCIM does not
// tell, so the node asks the Organizations API (claimStatus), in batches of 10 account IDs.
import { NodeHelpers, type INode } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { saved } from '../helpers/editor';
import { runNode } from '../helpers/engine';

const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';
const description = new AtlassianUserProvisioning().description;

let sandbox: Sandbox;
let externalId: string;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 24 });
	const created = await runNode({
		parameters: { resource: 'user', operation: 'create', userName: 'guest@partner.org', emails: { email: [{ value: 'guest@partner.org', type: 'work', primary: true }] } },
		credentials: sandboxCredentials(sandbox),
	});
	expect(created.error).toBeUndefined();
	externalId = String(created.items[0].json.id);
});
afterAll(async () => await sandbox.close());

const searches = (mark: number) => sandbox.requests.slice(mark).filter((r) => r.path.endsWith('/users/search'));

test('Get: a managed user says true, an external one false', async () => {
	const managed = sandbox.store.users(sandbox.directoryId)[0];
	for (const [id, expected] of [[managed.id, true], [externalId, false]] as const) {
		const mark = sandbox.requests.length;
		const { items, error } = await runNode({
			parameters: { resource: 'user', operation: 'get', userId: locator('id', id), addManagedStatus: true, simplify: true },
			credentials: sandboxCredentials(sandbox),
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ id, managedAccount: expected });
		expect(searches(mark)).toHaveLength(1);
		expect(JSON.parse(searches(mark)[0].body)).toEqual({ accountIds: [sandbox.store.directory(sandbox.directoryId)!.users.get(id)![EXTERNAL].atlassianAccountId], limit: 100 });
	}
});

test('Get Many: every user gets the flag, one search per 10 linked users, and unlinked users get null', async () => {
	const unlinked = sandbox.store.users(sandbox.directoryId)[3];
	delete sandbox.store.directory(sandbox.directoryId)!.users.get(unlinked.id)![EXTERNAL];
	const mark = sandbox.requests.length;
	const { items, error } = await runNode({
		parameters: { resource: 'user', operation: 'getAll', returnAll: true, addManagedStatus: true },
		credentials: sandboxCredentials(sandbox),
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(25);
	const byId = new Map(items.map((item) => [item.json.id, item.json.managedAccount]));
	expect(byId.get(externalId)).toBe(false);
	expect(byId.get(unlinked.id)).toBeNull();
	expect([...byId.values()].filter((v) => v === true)).toHaveLength(23);
	// 24 linked users on one page of 100: 3 searches of at most 10 account IDs.
	expect(searches(mark).map((r) => JSON.parse(r.body).accountIds.length)).toEqual([10, 10, 4]);
});

test('off (the default, and what saved workflows have): no organization request and no new field', async () => {
	const parameters = saved({ resource: 'user', operation: 'getAll', returnAll: true, addManagedStatus: false });
	expect(parameters).not.toHaveProperty('addManagedStatus');
	const mark = sandbox.requests.length;
	const { items, error } = await runNode({ parameters, credentials: { atlassianScimApi: sandboxCredentials(sandbox).atlassianScimApi } });
	expect(error).toBeUndefined();
	expect(items.length).toBeGreaterThan(0);
	expect(items.every((item) => !('managedAccount' in item.json))).toBe(true);
	expect(sandbox.requests.slice(mark).every((r) => r.path.startsWith('/scim/'))).toBe(true);
});

test('on without an Organization API credential: a clear error before any SCIM request', async () => {
	const mark = sandbox.requests.length;
	const { error } = await runNode({
		parameters: { resource: 'user', operation: 'getAll', returnAll: true, addManagedStatus: true },
		credentials: { atlassianScimApi: sandboxCredentials(sandbox).atlassianScimApi },
	});
	expect(error?.message).toBe('Add Managed or External needs an Atlassian Organization API credential');
	expect(error?.description).toMatch(/admin.atlassian.com → Settings → API keys/);
	expect(sandbox.requests.slice(mark)).toHaveLength(0);
});

describe('which credentials the editor shows', () => {
	const shown = (parameters: Record<string, unknown>) => {
		const node = { parameters, typeVersion: 1 } as unknown as INode;
		const full = NodeHelpers.getNodeParameters(description.properties, parameters as never, true, false, node, description) ?? {};
		return description.credentials!.filter((c) => NodeHelpers.displayParameter(full, c, node, description)).map((c) => c.name);
	};
	test.each([
		[{ resource: 'user', operation: 'get' }, ['atlassianScimApi']],
		[{ resource: 'user', operation: 'getAll' }, ['atlassianScimApi']],
		[{ resource: 'user', operation: 'get', addManagedStatus: true }, ['atlassianScimApi', 'atlassianOrganizationApi']],
		[{ resource: 'user', operation: 'getAll', addManagedStatus: true }, ['atlassianScimApi', 'atlassianOrganizationApi']],
		[{ resource: 'user', operation: 'update' }, ['atlassianScimApi']],
		[{ resource: 'user', operation: 'create' }, ['atlassianScimApi']],
		[{ resource: 'user', operation: 'deleteInDb' }, ['atlassianOrganizationApi']],
		[{ resource: 'user', operation: 'unlink' }, ['atlassianOrganizationApi']],
		[{ resource: 'group', operation: 'get' }, ['atlassianScimApi']],
		[{ resource: 'group', operation: 'getAll' }, ['atlassianScimApi']],
		[{ resource: 'group', operation: 'addMembers' }, ['atlassianScimApi']],
		[{ resource: 'account', operation: 'search' }, ['atlassianOrganizationApi']],
		[{ resource: 'account', operation: 'suspend' }, ['atlassianOrganizationApi']],
	])('%j shows %j', (parameters, expected) => {
		expect(shown(parameters)).toEqual(expected);
	});
});
