import { startSandbox, type Sandbox } from '../../sandbox';
import { runNode } from '../helpers/engine';
import { locator, sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 3 });
});
afterAll(async () => await sandbox.close());

const create = (overrides: Record<string, unknown>) => ({
	resource: 'user',
	operation: 'create',
	userName: 'grace.hopper@example.com',
	emails: { email: [{ value: 'grace.hopper@example.com', type: 'work', primary: true }] },
	additionalFields: {},
	// The user as Atlassian returns it: these tests read its SCIM attributes.
	simplify: false,
	...overrides,
});

/** Each case must fail before any request reaches Atlassian, naming the field, the item and a valid example. */
const cases: Array<[string, Record<string, unknown>, RegExp, RegExp]> = [
	['email syntax', create({ emails: { email: [{ value: 'grace.hopper(at)example', primary: true }] } }), /Emails 1: "grace.hopper\(at\)example" is not an email address/, /ada\.lovelace@example\.com/],
	['no primary email among several', create({ emails: { email: [{ value: 'a@example.com' }, { value: 'b@example.com' }] } }), /Emails: 0 emails are marked primary; exactly one must be/, /one email with "Primary" on/],
	['two primary emails', create({ emails: { email: [{ value: 'a@example.com', primary: true }, { value: 'b@example.com', primary: true }] } }), /2 emails are marked primary/, /exactly|one email/],
	['two primary phones', create({ additionalFields: { phoneNumbers: { phone: [{ value: '1', primary: true }, { value: '2', primary: true }] } } }), /Phone Numbers: more than one number is marked primary/, /at most one/],
	['timezone that Atlassian would ignore', create({ additionalFields: { timezone: 'Sydney' } }), /Timezone: "Sydney" is not an IANA time zone name/, /"Australia\/Sydney"/],
	['timezone GMT+8', create({ additionalFields: { timezone: 'GMT+8' } }), /Timezone: "GMT\+8" is not an IANA/, /America\/Los_Angeles/],
	['preferred language not BCP 47', create({ additionalFields: { preferredLanguage: 'en_US' } }), /Preferred Language: "en_US" is not a BCP 47 language tag/, /"en-US"/],
	['empty user name', create({ userName: '   ' }), /User Name: must not be empty/, /ada\.lovelace@example\.com/],
	['user name from an expression that is an object', create({ userName: { a: 1 } }), /User Name: expected text, got object/, /ada/],
	['empty user ID from an expression', { resource: 'user', operation: 'get', userId: locator('id', '={{ $json.missing ?? "" }}') }, /User \(ID\): must not be empty/, /a59238e6/],
	// An added filter whose expression comes out empty must not turn into "every user" (or "every group").
	['user name filter from an expression that is empty', { resource: 'user', operation: 'getAll', returnAll: true, filters: { userName: '={{ $json.missing ?? "" }}' } }, /Filters: User Name: must not be empty/, /ada@example\.com/],
	['external ID filter from an expression that is empty', { resource: 'user', operation: 'getAll', returnAll: true, filters: { externalId: '={{ "" }}' } }, /Filters: External ID: must not be empty/, /00u1abcd/],
	['group name filter from an expression that is empty', { resource: 'group', operation: 'getAll', returnAll: true, filters: { displayName: '={{ $json.missing ?? "" }}' } }, /Filters: Name: must not be empty/, /engineering/],
	['attributes and excluded attributes together', { resource: 'user', operation: 'get', userId: locator('id', 'x'), options: { attributes: 'userName', excludedAttributes: 'title' } }, /Attributes and Excluded Attributes cannot be used together/, /only one of them/],
];

test.each(cases)('%s is refused before any request', async (_name, parameters, message, example) => {
	const before = sandbox.stats().requests;
	const { error } = await runNode({ parameters, input: [{}, {}], credentials: sandboxCredentials(sandbox) });
	expect(error?.message).toMatch(message);
	expect(error?.description).toMatch(/^Item 1, field "/);
	expect(error?.description).toMatch(example);
	expect(sandbox.stats().requests).toBe(before);
});

test('a single email is made primary for you', async () => {
	const { items, error } = await runNode({
		parameters: create({ userName: 'single@example.com', emails: { email: [{ value: 'single@example.com', type: 'work', primary: false }] } }),
		credentials: sandboxCredentials(sandbox),
	});
	expect(error).toBeUndefined();
	expect(items[0].json.emails).toEqual([{ value: 'single@example.com', type: 'work', primary: true }]);
});

test('IDs with path characters are encoded and never reach another endpoint', async () => {
	for (const id of ['../Groups', 'a/b', 'x?y=1', 'x#y', '100%', '..']) {
		const { error } = await runNode({ parameters: { resource: 'user', operation: 'get', userId: locator('id', id) }, credentials: sandboxCredentials(sandbox) });
		expect(error).toBeDefined();
	}
	const paths = sandbox.requests.map((r) => r.path);
	expect(paths.every((p) => p.startsWith(`/scim/directory/${sandbox.directoryId}/Users`))).toBe(true);
	expect(paths).toContain(`/scim/directory/${sandbox.directoryId}/Users/..%2FGroups`);
});
