// What the editor shows and saves: Simplify is a top-level toggle wherever a user or group comes back, on by default; the Name parts
// are fields of their own. Run through n8n-core's engine on parameters as the editor saves them.
import type { IDataObject } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { simplifyGroup, simplifyUser } from '../../nodes/AtlassianUserProvisioning/helpers/output';
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { addCollectionOption, property, saved, shownProperties } from '../helpers/editor';
import { runNode } from '../helpers/engine';
import type { INodeProperties } from 'n8n-workflow';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 30 });
});
afterAll(async () => await sandbox.close());

/** Runs the parameters as the editor saves them (defaults stripped; the engine fills them back). */
async function run(parameters: Record<string, unknown>): Promise<IDataObject[]> {
	const { items, error } = await runNode({ parameters: saved(parameters), credentials: sandboxCredentials(sandbox) });
	expect(error).toBeUndefined();
	return items.map((i) => i.json);
}

const users = () => sandbox.store.users(sandbox.directoryId) as Array<{ id: string; userName: string }>;
const GROUP_NAME = 'simplify-test-group';

test('one node version until the first release', () => {
	const { version, defaultVersion } = new AtlassianUserProvisioning().description;
	expect(version).toBe(1);
	expect(defaultVersion).toBeUndefined();
});

/** Every operation that outputs a user or group record. */
const RECORD_OPERATIONS: Array<[string, string, Record<string, unknown>?]> = [
	['user', 'create'],
	['user', 'deactivate'],
	['user', 'get'],
	['user', 'getAll'],
	['user', 'reactivate'],
	['user', 'update', { updateMode: 'patch' }],
	['user', 'update', { updateMode: 'replace' }],
	['group', 'create'],
	['group', 'get'],
	['group', 'getAll'],
];

describe.each(RECORD_OPERATIONS)('%s %s: where Simplify is', (resource, operation, extra = {}) => {
	test('a top-level toggle, on by default, right above Options (last where there are none), not in Options', () => {
		const parameters = { resource, operation, ...extra };
		const shown = shownProperties(parameters);
		const simplify = property(parameters, 'simplify');
		expect(simplify).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true });
		expect(shown.filter((p) => p.name === 'simplify')).toHaveLength(1);
		// Request Options (the node's, last on every panel) is not the operation's own.
		const options = shown.findIndex((p) => p.name === 'options');
		const above = options === -1 ? shown.findIndex((p) => p.name === 'requestOptions') : options;
		expect(shown.findIndex((p) => p.name === 'simplify')).toBe(above - 1);
		expect(((shown[options]?.options ?? []) as INodeProperties[]).map((o) => o.name)).not.toContain('simplify');
	});
});

test('the same Simplify everywhere: one description per record kind, and nowhere else', () => {
	const description = new AtlassianUserProvisioning().description;
	const toggles = description.properties.filter((p) => p.name === 'simplify');
	const offered = toggles.flatMap((p) => (p.displayOptions!.show!.operation as string[]).map((op) => `${p.displayOptions!.show!.resource![0]}:${op}`));
	expect(offered.sort()).toEqual([...new Set(RECORD_OPERATIONS.map(([r, o]) => `${r}:${o}`))].sort());
	for (const kind of ['user', 'group']) {
		const same = toggles.filter((p) => p.displayOptions!.show!.resource![0] === kind).map(({ displayOptions, ...rest }) => rest);
		expect(new Set(same.map((p) => JSON.stringify(p))).size).toBe(1);
	}
	// No Options collection anywhere still holds a Simplify of its own.
	const nested = description.properties.filter((p) => p.type === 'collection' && (p.options as INodeProperties[]).some((o) => o.name === 'simplify'));
	expect(nested.map((p) => p.name)).toEqual([]);
});

describe('Simplify on and off', () => {
	let groupId = '';
	beforeAll(async () => {
		const [created] = await run({ resource: 'group', operation: 'create', displayName: GROUP_NAME, additionalFields: { members: users().slice(0, 3).map((u) => u.userName).join(',') } });
		groupId = String(created.id);
	});

	const cases = () => {
		const user = users()[4];
		return [
			{ label: 'user get', base: { resource: 'user', operation: 'get', userId: locator('id', user.id) }, simplify: simplifyUser },
			{ label: 'user getAll', base: { resource: 'user', operation: 'getAll', limit: 7 }, simplify: simplifyUser },
			{ label: 'group get', base: { resource: 'group', operation: 'get', groupId: locator('id', groupId) }, simplify: simplifyGroup },
			{ label: 'group getAll', base: { resource: 'group', operation: 'getAll', returnAll: true }, simplify: simplifyGroup },
		];
	};

	test('off: the records as Atlassian returns them; on (the default): the same records simplified', async () => {
		for (const { label, base, simplify } of cases()) {
			const raw = await run({ ...base, simplify: false });
			const simple = await run(base);
			expect(raw.length).toBeGreaterThan(0);
			expect(raw[0]).toHaveProperty('schemas');
			expect(simple[0]).not.toHaveProperty('schemas');
			expect({ label, simple }).toEqual({ label, simple: raw.map((record) => simplify(record)) });
		}
	});

	test('the editor saves Simplify off (not the default) and leaves the default out', () => {
		const base = cases()[0].base;
		expect(saved({ ...base, simplify: false })).toHaveProperty('simplify', false);
		expect(saved({ ...base, simplify: true })).not.toHaveProperty('simplify');
	});
});

describe('Name parts', () => {
	const CREATE = { resource: 'user', operation: 'create' };

	test('a field per part (Given Name, Family Name…) and no Name group, in Create and both Update modes', () => {
		const fields = (property(CREATE, 'additionalFields').options as INodeProperties[]).map((o) => o.displayName);
		expect(fields).not.toContain('Name');
		expect(fields).toEqual(expect.arrayContaining(['Given Name', 'Family Name', 'Middle Name', 'Formatted Name', 'Honorific Prefix', 'Honorific Suffix']));
		for (const [operation, field, updateMode] of [['update', 'updateFields', 'patch'], ['update', 'additionalFields', 'replace']]) {
			const options = property({ resource: 'user', operation, updateMode }, field).options as INodeProperties[];
			expect(options.map((o) => o.name)).toEqual(expect.arrayContaining(['givenName', 'familyName']));
			expect(options.map((o) => o.name)).not.toContain('name');
		}
	});

	test('Create sends the name parts added in the editor and typed, and no part left empty', async () => {
		const collection = property(CREATE, 'additionalFields');
		const additionalFields: IDataObject = { givenName: 'Ada', familyName: 'Lovelace', middleName: addCollectionOption(collection, 'middleName') as string };
		const email = 'ada.parts@example.com';
		const mark = sandbox.requests.length;
		const [created] = await run({ ...CREATE, userName: email, emails: { email: [{ value: email, type: 'work', primary: true }] }, additionalFields, simplify: false });
		expect(created.name).toEqual({ givenName: 'Ada', familyName: 'Lovelace' });
		const post = sandbox.requests.slice(mark).find((r) => r.method === 'POST')!;
		expect((JSON.parse(post.body) as IDataObject).name).toEqual({ givenName: 'Ada', familyName: 'Lovelace' });
	});

	test('Update (change only the fields set) sends only the parts typed', async () => {
		const user = users()[6];
		const mark = sandbox.requests.length;
		await run({ resource: 'user', operation: 'update', updateMode: 'patch', userId: locator('id', user.id), updateFields: { familyName: 'Hopper', givenName: '' } });
		const patches = sandbox.requests.slice(mark).filter((r) => r.method === 'PATCH');
		expect(patches).toHaveLength(1);
		expect(JSON.parse(patches[0].body).Operations).toEqual([{ op: 'replace', path: 'name.familyName', value: 'Hopper' }]);
	});
});
