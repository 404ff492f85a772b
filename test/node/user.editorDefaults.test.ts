// Parameters exactly as n8n's editor stores them: an added collection option holds its default, an added
// fixed-collection entry holds every value with its default (an Email row: its type and primary flag).
// A value the user did not type must never reach Atlassian.
import { startSandbox, type Sandbox } from '../../sandbox';
import { addCollectionOption, addFixedEntry, property, saved } from '../helpers/editor';
import { runNode } from '../helpers/engine';
import { locator, sandboxCredentials } from '../helpers/credentials';
import type { INodeProperties } from 'n8n-workflow';

const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 40 });
});
afterAll(async () => await sandbox.close());

const run = async (parameters: Record<string, unknown>) => await runNode({ parameters, credentials: sandboxCredentials(sandbox) });
const stored = (id: string) => sandbox.store.users(sandbox.directoryId).find((u: { id: string }) => u.id === id)!;
const requestsAfter = (mark: number, method: string) => sandbox.requests.slice(mark).filter((r) => r.method === method);

const UPDATE = { resource: 'user', operation: 'update', updateMode: 'patch' };
const CREATE = { resource: 'user', operation: 'create' };

const NAME_PARTS = ['familyName', 'formatted', 'givenName', 'honorificPrefix', 'honorificSuffix', 'middleName'];

/** Every Name part added in the editor (each holds its empty default), then a given and a family name typed. */
function nameParts(collection: INodeProperties, given: string, family: string) {
	const parts = Object.fromEntries(NAME_PARTS.map((part) => [part, addCollectionOption(collection, part)]));
	// The four untouched ones keep their empty default.
	expect(parts).toEqual({ formatted: '', middleName: '', honorificPrefix: '', honorificSuffix: '', givenName: '', familyName: '' });
	return { ...parts, givenName: given, familyName: family };
}

describe.each([
	['as the editor holds them', (p: Record<string, unknown>) => p],
	['as the editor saves them', saved],
])('Every Name part added, two typed, %s', (_label, store) => {
	test('Update sends exactly those two operations and keeps the formatted name', async () => {
		const user = sandbox.store.users(sandbox.directoryId)[store === saved ? 1 : 2];
		const formatted = stored(user.id).name.formatted;
		expect(formatted).toBeTruthy();
		const fields = property(UPDATE, 'updateFields');
		const parameters = store({ ...UPDATE, userId: locator('id', user.id), updateFields: nameParts(fields, 'Mateo', 'Okafor') });
		const mark = sandbox.requests.length;
		const { error } = await run(parameters);
		expect(error).toBeUndefined();
		const patches = requestsAfter(mark, 'PATCH');
		expect(patches).toHaveLength(1);
		expect(JSON.parse(patches[0].body)).toEqual({
			schemas: [PATCH],
			Operations: [
				{ op: 'replace', path: 'name.givenName', value: 'Mateo' },
				{ op: 'replace', path: 'name.familyName', value: 'Okafor' },
			],
		});
		expect(stored(user.id).name).toMatchObject({ formatted, givenName: 'Mateo', familyName: 'Okafor' });
	});

	test('Create sends only the two parts', async () => {
		const fields = property(CREATE, 'additionalFields');
		const emails = property(CREATE, 'emails');
		const email = `editor.${store === saved ? 's' : 'h'}@example.com`;
		const parameters = store({
			...CREATE,
			userName: email,
			emails: { email: [{ ...addFixedEntry(emails, 'email'), value: email }] },
			additionalFields: nameParts(fields, 'Mateo', 'Okafor'),
		});
		const mark = sandbox.requests.length;
		const { error } = await run(parameters);
		expect(error).toBeUndefined();
		const body = JSON.parse(requestsAfter(mark, 'POST')[0].body);
		expect(body.name).toEqual({ givenName: 'Mateo', familyName: 'Okafor' });
	});
});

test('Replace Whole User sends the parts set and says that empty parts are cleared', async () => {
	const user = sandbox.store.users(sandbox.directoryId)[3];
	const additional = property({ ...UPDATE, updateMode: 'replace' }, 'additionalFields');
	expect(additional.description).toMatch(/left empty.*cleared/);
	// The dropdown's text is short enough to be read whole; the notice shown once it is chosen says the rest.
	const mode = property(UPDATE, 'updateMode');
	expect(JSON.stringify(mode.options)).toMatch(/not set below is cleared/);
	expect(property({ ...UPDATE, updateMode: 'replace' }, 'replaceNotice').displayName).toMatch(/every attribute not set below, including any field left empty/);
	const emails = property({ ...UPDATE, updateMode: 'replace' }, 'emails');
	const email = String(user.userName);
	const mark = sandbox.requests.length;
	const { error } = await run({
		...UPDATE,
		updateMode: 'replace',
		userId: locator('id', user.id),
		userName: email,
		emails: { email: [{ ...addFixedEntry(emails, 'email'), value: email, primary: true }] },
		additionalFields: nameParts(additional, 'Mateo', 'Okafor'),
	});
	expect(error).toBeUndefined();
	const body = JSON.parse(requestsAfter(mark, 'PUT')[0].body);
	expect(body.name).toEqual({ givenName: 'Mateo', familyName: 'Okafor' });
	expect(stored(user.id).name.formatted ?? null).toBeNull();
});

/**
 * Every option of Update Fields, added in the editor and left as the editor fills it, next to one real change:
 * the request carries only the real change (plus what a toggle visibly shows), or the node refuses the item with
 * an error that names the field, before anything is sent.
 */
describe('every Update Fields option left at its editor default', () => {
	const fields = property(UPDATE, 'updateFields');
	const options = (fields.options as INodeProperties[]).map((o) => o.name);

	test.each(options)('%s', async (name) => {
		const user = sandbox.store.users(sandbox.directoryId)[10 + options.indexOf(name)];
		const option = (fields.options as INodeProperties[]).find((o) => o.name === name)!;
		let runs = 0;
		const variants: unknown[] = [addCollectionOption(fields, name)];
		if (option.type === 'fixedCollection') {
			for (const entry of option.options as Array<{ name: string }>) {
				const filled = addFixedEntry(option, entry.name);
				variants.push({ [entry.name]: option.typeOptions?.multipleValues ? [filled] : filled });
			}
		}
		for (const value of variants) {
			for (const store of [(p: Record<string, unknown>) => p, saved]) {
				// A new value each run: the node sends only what differs from the user as it is.
				const probe = { [name === 'title' ? 'nickName' : 'title']: `Probe ${++runs}` };
				const wasActive = stored(user.id).active;
				const mark = sandbox.requests.length;
				const { error } = await run(store({ ...UPDATE, userId: locator('id', user.id), updateFields: { [name]: value, ...probe } }));
				const patches = requestsAfter(mark, 'PATCH');
				if (error) {
					expect(error.message).toMatch(new RegExp(`^${option.displayName}`));
					expect(patches).toHaveLength(0);
					continue;
				}
				const [path, wanted] = Object.entries(probe)[0];
				const expected = [{ op: 'replace', path, value: wanted }];
				if (option.type === 'boolean' && wasActive !== option.default) expected.unshift({ op: 'replace', path: name, value: option.default as never });
				expect(JSON.parse(patches[0].body).Operations).toEqual(expected);
			}
		}
	});
});

test('Create: every Additional Fields option left at its editor default adds nothing to the new user', async () => {
	const fields = property(CREATE, 'additionalFields');
	const emails = property(CREATE, 'emails');
	for (const option of fields.options as INodeProperties[]) {
		const values: unknown[] = [addCollectionOption(fields, option.name)];
		if (option.type === 'fixedCollection') {
			for (const entry of option.options as Array<{ name: string }>) {
				const filled = addFixedEntry(option, entry.name);
				values.push({ [entry.name]: option.typeOptions?.multipleValues ? [filled] : filled });
			}
		}
		for (const value of values) {
			const email = `default.${option.name.toLowerCase()}.${values.indexOf(value)}@example.com`;
			const mark = sandbox.requests.length;
			const { error } = await run({
				...CREATE,
				userName: email,
				emails: { email: [{ ...addFixedEntry(emails, 'email'), value: email }] },
				additionalFields: { [option.name]: value },
			});
			const posts = requestsAfter(mark, 'POST');
			if (error) {
				expect(error.message).toMatch(new RegExp(`^${option.displayName}`));
				expect(posts).toHaveLength(0);
				continue;
			}
			const body = JSON.parse(posts[0].body);
			const expected: Record<string, unknown> = {
				schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
				userName: email,
				emails: [{ value: email, type: 'work', primary: true }],
			};
			if (option.type === 'boolean') expected[option.name] = option.default;
			expect({ option: option.name, body }).toEqual({ option: option.name, body: expected });
		}
	}
});

test('Get Many: a filter added and left empty is refused, never dropped (which would list every user)', async () => {
	const GET_ALL = { resource: 'user', operation: 'getAll', returnAll: true };
	const filters = property(GET_ALL, 'filters');
	for (const option of filters.options as INodeProperties[]) {
		for (const store of [(p: Record<string, unknown>) => p, saved]) {
			const mark = sandbox.requests.length;
			const { error } = await run(store({ ...GET_ALL, filters: { [option.name]: addCollectionOption(filters, option.name) } }));
			expect(error?.message).toMatch(new RegExp(`^Filters: ${option.displayName}: must not be empty`));
			expect(requestsAfter(mark, 'GET')).toHaveLength(0);
		}
	}
});

test.each([
	[{ resource: 'user', operation: 'getAll', limit: 1 }],
	[{ resource: 'user', operation: 'create', userName: 'opts@example.com', emails: { email: [{ value: 'opts@example.com', type: 'work', primary: true }] } }],
])('Options left at their editor defaults change nothing in the request (%o)', async (base) => {
	const options = property(base, 'options');
	const added = Object.fromEntries((options.options as INodeProperties[]).map((o) => [o.name, addCollectionOption(options, o.name)]));
	const mark = sandbox.requests.length;
	const { error } = await run({ ...base, options: added });
	expect(error).toBeUndefined();
	for (const request of sandbox.requests.slice(mark)) {
		expect(request.query).not.toMatch(/(^|&)(attributes|excludedAttributes)=/);
	}
});
