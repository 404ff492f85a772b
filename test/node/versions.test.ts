// Node version 2 changed what the editor shows and saves: Simplify is a top-level toggle on Get and
// Get Many, on by default; the Name parts are fields of their own. A workflow saved with version 1 must output
// exactly what it did. Both versions run here through n8n-core's engine on parameters as the editor saves them.
import type { IDataObject } from 'n8n-workflow';

import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';
import { simplifyGroup, simplifyUser } from '../../nodes/AtlassianUserProvisioning/helpers/output';
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { addCollectionOption, addFixedEntry, property, saved, shownProperties } from '../helpers/editor';
import { runNode } from '../helpers/engine';
import type { INodeProperties } from 'n8n-workflow';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 30 });
});
afterAll(async () => await sandbox.close());

/** Runs the parameters as the editor of that version saves them (defaults stripped; the engine fills them back). */
async function run(parameters: Record<string, unknown>, typeVersion: number): Promise<IDataObject[]> {
	const { items, error } = await runNode({ parameters: saved(parameters, typeVersion), credentials: sandboxCredentials(sandbox), typeVersion });
	expect(error).toBeUndefined();
	return items.map((i) => i.json);
}

const users = () => sandbox.store.users(sandbox.directoryId) as Array<{ id: string; userName: string }>;
const GROUP_NAME = 'versions-test-group';

test('new nodes get version 2; version 1 stays loadable', () => {
	const { version, defaultVersion } = new AtlassianUserProvisioning().description;
	expect(version).toEqual([1, 2]);
	expect(defaultVersion).toBe(2);
});

describe.each([
	['user', 'get'],
	['user', 'getAll'],
	['group', 'get'],
	['group', 'getAll'],
])('%s %s: where Simplify is', (resource, operation) => {
	test('version 1: in Options, off unless added; no top-level toggle', () => {
		const shown = shownProperties({ resource, operation }, 1);
		expect(shown.map((p) => p.name)).not.toContain('simplify');
		const options = shown.find((p) => p.name === 'options')!;
		expect((options.options as INodeProperties[]).find((o) => o.name === 'simplify')?.default).toBe(false);
	});

	test('version 2: a top-level toggle, on by default, and no longer in Options', () => {
		const shown = shownProperties({ resource, operation }, 2);
		expect(property({ resource, operation }, 'simplify', 2).default).toBe(true);
		const options = shown.find((p) => p.name === 'options');
		expect(((options?.options ?? []) as INodeProperties[]).map((o) => o.name)).not.toContain('simplify');
	});
});

describe('the same choice, both versions, the same output', () => {
	let groupId = '';
	beforeAll(async () => {
		const [created] = await run({ resource: 'group', operation: 'create', displayName: GROUP_NAME, additionalFields: { members: users().slice(0, 3).map((u) => u.userName).join(',') } }, 1);
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

	test('a saved version-1 node outputs the records as Atlassian returns them; version 2 by default outputs them simplified', async () => {
		for (const { label, base, simplify } of cases()) {
			const v1 = await run(base, 1);
			const v2 = await run(base, 2);
			expect(v1.length).toBeGreaterThan(0);
			expect(v1[0]).toHaveProperty('schemas');
			expect({ label, v2 }).toEqual({ label, v2: v1.map((record) => simplify(record)) });
		}
	});

	test('version 2 with Simplify off outputs what version 1 outputs; version 1 with the Simplify option what version 2 outputs', async () => {
		for (const { label, base } of cases()) {
			const v1Raw = await run(base, 1);
			const v2Raw = await run({ ...base, simplify: false }, 2);
			expect({ label, out: v2Raw }).toEqual({ label, out: v1Raw });
			const v1Simple = await run({ ...base, options: { simplify: true } }, 1);
			const v2Simple = await run(base, 2);
			expect({ label, out: v1Simple }).toEqual({ label, out: v2Simple });
		}
	});

	test('a version-1 node that has Simplify on in Options keeps it (a version-2 toggle does not exist for it)', async () => {
		const base = cases()[0].base;
		const saved1 = saved({ ...base, options: { simplify: true } }, 1);
		expect(saved1).not.toHaveProperty('simplify');
		const [out] = await run({ ...base, options: { simplify: true } }, 1);
		expect(out).not.toHaveProperty('schemas');
		expect(out).toHaveProperty('userName');
	});
});

describe('Name parts', () => {
	const CREATE = { resource: 'user', operation: 'create' };

	test('version 1 keeps the Name group; version 2 has a field per part (Given Name, Family Name…) and no group', () => {
		const v1 = (property(CREATE, 'additionalFields', 1).options as INodeProperties[]).map((o) => o.displayName);
		const v2 = (property(CREATE, 'additionalFields', 2).options as INodeProperties[]).map((o) => o.displayName);
		expect(v1).toContain('Name');
		expect(v1).not.toContain('Given Name');
		expect(v2).not.toContain('Name');
		expect(v2).toEqual(expect.arrayContaining(['Given Name', 'Family Name', 'Middle Name', 'Formatted Name', 'Honorific Prefix', 'Honorific Suffix']));
		for (const [operation, field, updateMode] of [['update', 'updateFields', 'patch'], ['update', 'additionalFields', 'replace']]) {
			const options = property({ resource: 'user', operation, updateMode }, field, 2).options as INodeProperties[];
			expect(options.map((o) => o.name)).toEqual(expect.arrayContaining(['givenName', 'familyName']));
			expect(options.map((o) => o.name)).not.toContain('name');
		}
	});

	test('Create sends the same name from version 1\'s group and version 2\'s fields, added in the editor and typed', async () => {
		const bodies: IDataObject[] = [];
		for (const version of [1, 2]) {
			const collection = property(CREATE, 'additionalFields', version);
			const additionalFields: IDataObject =
				version === 1
					? { name: { parts: { ...addFixedEntry((collection.options as INodeProperties[]).find((o) => o.name === 'name')!, 'parts'), givenName: 'Ada', familyName: 'Lovelace' } } }
					: { givenName: 'Ada', familyName: 'Lovelace', middleName: addCollectionOption(collection, 'middleName') as string };
			const email = `ada.v${version}@example.com`;
			const mark = sandbox.requests.length;
			const [created] = await run({ ...CREATE, userName: email, emails: { email: [{ value: email, type: 'work', primary: true }] }, additionalFields }, version);
			expect(created.name).toEqual({ givenName: 'Ada', familyName: 'Lovelace' });
			const post = sandbox.requests.slice(mark).find((r) => r.method === 'POST')!;
			const body = JSON.parse(post.body) as IDataObject;
			bodies.push({ ...body, userName: 'x', emails: 'x' });
		}
		expect(bodies[1]).toEqual(bodies[0]);
	});

	test('Update (change only the fields set) in version 2 sends only the parts typed', async () => {
		const user = users()[6];
		const mark = sandbox.requests.length;
		await run({ resource: 'user', operation: 'update', updateMode: 'patch', userId: locator('id', user.id), updateFields: { familyName: 'Hopper', givenName: '' } }, 2);
		const patches = sandbox.requests.slice(mark).filter((r) => r.method === 'PATCH');
		expect(patches).toHaveLength(1);
		expect(JSON.parse(patches[0].body).Operations).toEqual([{ op: 'replace', path: 'name.familyName', value: 'Hopper' }]);
	});
});
