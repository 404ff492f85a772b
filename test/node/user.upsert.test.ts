/**
 * User → Create or Update through n8n-core's engine, with parameters as the editor saves them (the resource mapper's
 * value included), against the sandbox: what is sent, and what is not.
 */
import { mapperFields } from '../../nodes/AtlassianUserProvisioning/models/userMapping';
import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { saved } from '../helpers/editor';
import { runNode } from '../helpers/engine';

const ACCOUNT = 'urn:scim:schemas:extension:atlassian-external:1.0';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 30 });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset({ seedUsers: 30 });
	sandbox.clearFaults();
	sandbox.requests.length = 0;
});

type Doc = Record<string, any>;
/** Copies: the store changes its records in place. */
const users = () => JSON.parse(JSON.stringify(sandbox.store.users(sandbox.directoryId))) as Doc[];
const byName = (userName: string) => users().find((u) => u.userName.toLowerCase() === userName.toLowerCase());
const writes = () => sandbox.requests.filter((r) => r.method !== 'GET').map((r) => ({ method: r.method, path: r.path, body: JSON.parse(r.body || '{}') }));

/** The mapper's value as the editor saves it: mode, values (Map Each Field), the key matched on, the fields' schema. */
const automatically = (matchOn = 'userName') => ({ mappingMode: 'autoMapInputData', value: null, matchingColumns: [matchOn], schema: mapperFields() });
const eachField = (value: Record<string, unknown>, matchOn = 'userName') => ({ mappingMode: 'defineBelow', value, matchingColumns: [matchOn], schema: mapperFields() });

async function upsert(parameters: Record<string, unknown>, input: Array<Record<string, unknown>>, continueOnFail = false) {
	return await runNode({
		parameters: saved({ resource: 'user', operation: 'upsert', ...parameters }),
		input,
		credentials: sandboxCredentials(sandbox),
		continueOnFail,
	});
}

const outcomes = (items: Array<{ json: Doc }>) => items.map((i) => i.json.outcome);

test('Map Automatically and Map Each Field send the same requests', async () => {
	const [a, b] = users();
	const input = [
		{ userName: a.userName, firstName: 'Augusta', jobTitle: 'Countess', department: a.department },
		{ userName: 'new.hire@example.com', email: 'new.hire@example.com', firstName: 'New', lastName: 'Hire', jobTitle: 'Analyst', department: 'Research' },
		{ userName: b.userName, firstName: b.name.givenName, jobTitle: b.title, department: 'Moved' },
	];
	const auto = await upsert({ columns: automatically() }, input);
	expect(auto.error).toBeUndefined();
	const sentAuto = writes();

	sandbox.reset({ seedUsers: 30 });
	sandbox.requests.length = 0;
	const each = await upsert(
		{
			columns: eachField({
				userName: '={{ $json.userName }}',
				primaryEmail: '={{ $json.email }}',
				givenName: '={{ $json.firstName }}',
				familyName: '={{ $json.lastName }}',
				title: '={{ $json.jobTitle }}',
				department: '={{ $json.department }}',
			}),
		},
		input,
	);
	expect(each.error).toBeUndefined();
	expect(writes()).toEqual(sentAuto);
	expect(sentAuto.map((w) => w.method)).toEqual(['PATCH', 'POST', 'PATCH']);
	expect(outcomes(each.items)).toEqual(['updated', 'created', 'updated']);
	expect(each.items.map((i) => i.json.changes)).toEqual(auto.items.map((i) => i.json.changes));
});

test('unchanged users get no request at all, so an external account stays linked', async () => {
	const outsider = { userName: 'guest@partner.example.org', email: 'guest@partner.example.org', firstName: 'Guest', title: 'Contractor' };
	const created = await upsert({ columns: automatically() }, [outsider]);
	expect(outcomes(created.items)).toEqual(['created']);
	const accountId = byName(outsider.userName)![ACCOUNT]?.atlassianAccountId;
	expect(accountId).toEqual(expect.any(String));

	const seeded = users()[3];
	sandbox.requests.length = 0;
	const again = await upsert({ columns: automatically() }, [
		{ ...outsider, userName: outsider.userName.toUpperCase(), email: outsider.email.toUpperCase() },
		{ userName: seeded.userName, title: seeded.title, department: seeded.department, timezone: seeded.timezone, active: String(seeded.active) },
	]);
	expect(again.error).toBeUndefined();
	expect(outcomes(again.items)).toEqual(['unchanged', 'unchanged']);
	expect(writes()).toEqual([]);
	expect(byName(outsider.userName)![ACCOUNT]?.atlassianAccountId).toBe(accountId);
	expect(again.items[0].json).toMatchObject({ changes: [], summary: 'No changes', userName: outsider.userName });
});

test('name parts are merged: a given name alone leaves the family name and the other parts as they are', async () => {
	const user = users()[4];
	const { items, error } = await upsert({ columns: automatically() }, [{ userName: user.userName, givenName: 'Renamed' }]);
	expect(error).toBeUndefined();
	expect(writes()).toEqual([
		{ method: 'PATCH', path: expect.stringContaining(user.id), body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'name.givenName', value: 'Renamed' }] } },
	]);
	expect(byName(user.userName)!.name).toEqual({ ...user.name, givenName: 'Renamed' });
	expect(items[0].json.changes).toEqual([{ field: 'Name: Given Name', before: user.name.givenName, after: 'Renamed' }]);
});

test('a field missing or empty in the input is left alone; Fields to Clear empties the chosen ones', async () => {
	const user = users()[5];
	expect(user.title).toBeTruthy();
	await upsert({ columns: automatically() }, [{ userName: user.userName, title: '', department: 'Kept' }]);
	expect(byName(user.userName)!.title).toBe(user.title);
	sandbox.requests.length = 0;
	const { items } = await upsert({ columns: automatically(), options: { fieldsToClear: ['title'] } }, [{ userName: user.userName, department: 'Kept' }]);
	expect(writes()[0].body.Operations).toEqual([{ op: 'remove', path: 'title' }]);
	expect(byName(user.userName)!.title).toBeUndefined();
	expect(items[0].json.changes).toEqual([{ field: 'Title', before: user.title, after: null }]);
});

describe('reading: one request per user or a listing, whichever takes fewer requests', () => {
	beforeEach(() => {
		sandbox.reset({ seedUsers: 250 }); // 3 pages of 100
		sandbox.requests.length = 0;
	});
	const reads = () => sandbox.requests.filter((r) => r.method === 'GET').map((r) => (r.query.includes('filter') ? 'filter' : `page ${new URLSearchParams(r.query).get('startIndex')}`));

	test('3 users in a 3-page directory: the directory is listed', async () => {
		const input = users().slice(0, 3).map((u) => ({ userName: u.userName, title: 'Listed' }));
		const { error } = await upsert({ columns: automatically() }, input);
		expect(error).toBeUndefined();
		expect(reads().sort()).toEqual(['page 1', 'page 101', 'page 201']);
		expect(writes()).toHaveLength(3);
	});

	test('2 users in a 3-page directory: the first page, then one filter per user', async () => {
		const input = users().slice(0, 2).map((u) => ({ userName: u.userName, title: 'Looked up' }));
		const { error } = await upsert({ columns: automatically() }, input);
		expect(error).toBeUndefined();
		expect(reads().sort()).toEqual(['filter', 'filter', 'page 1']);
		expect(writes()).toHaveLength(2);
	});

	test('a 429 and a 5xx in the middle of the listing are waited out and retried', async () => {
		sandbox.injectFaults([
			{ kind: '429', method: 'GET', pathIncludes: 'startIndex=101&', count: 1 },
			{ kind: '503', method: 'GET', pathIncludes: 'startIndex=201&', count: 1 },
		]);
		const input = users().slice(0, 5).map((u) => ({ userName: u.userName, title: 'After faults' }));
		const { items, error } = await upsert({ columns: automatically() }, input);
		expect(error).toBeUndefined();
		expect(outcomes(items)).toEqual(Array(5).fill('updated'));
		const statuses = sandbox.requests.filter((r) => r.method === 'GET').map((r) => `${new URLSearchParams(r.query).get('startIndex')}:${r.status}`);
		expect(statuses.sort()).toEqual(['101:200', '101:429', '1:200', '201:200', '201:503']);
	});
});

describe('Deactivate Users Not in Input', () => {
	const activeCount = () => users().filter((u) => u.active !== false).length;

	test('users in no input item are deactivated (never deleted), paired with the first item', async () => {
		const keep = users().slice(0, 28);
		const gone = users().slice(28).filter((u) => u.active !== false);
		const { items, error } = await upsert({ columns: automatically(), deactivateMissing: true }, keep.map((u) => ({ userName: u.userName })));
		expect(error).toBeUndefined();
		const deactivated = items.filter((i) => i.json.outcome === 'deactivated');
		expect(deactivated.map((i) => i.json.userName)).toEqual(gone.map((u) => u.userName));
		expect(deactivated.map((i) => i.pairedItem)).toEqual(gone.map(() => ({ item: 0 })));
		expect(users()).toHaveLength(30);
		for (const user of gone) expect(byName(user.userName)!.active).toBe(false);
		expect(writes().every((w) => w.method === 'PATCH' && JSON.stringify(w.body.Operations) === '[{"op":"replace","path":"active","value":false}]')).toBe(true);
	});

	test('above Max Deactivations nobody is deactivated, nothing is written, and the error names the count and the first users', async () => {
		const before = activeCount();
		const input = [{ userName: users()[0].userName, title: 'Would change' }, { userName: 'new.one@example.com', email: 'new.one@example.com' }];
		const { error, items } = await upsert({ columns: automatically(), deactivateMissing: true, maxDeactivations: 5 }, input);
		expect(items).toEqual([]);
		expect(error?.message).toMatch(/^Deactivate Users Not in Input: \d+ users are in no input item, more than the 3 allowed/);
		expect(error?.description).toContain(users()[1].userName);
		expect(writes()).toEqual([]);
		expect(activeCount()).toBe(before);
	});

	test('the percentage guards a small directory too (10% of 30 users is 3)', async () => {
		const input = users().slice(0, 24).map((u) => ({ userName: u.userName }));
		const { error } = await upsert({ columns: automatically(), deactivateMissing: true, maxDeactivations: 100 }, input);
		expect(error?.message).toContain('more than the 3 allowed (Max Deactivations 100; 10% of 30 users is 3)');
		expect(writes()).toEqual([]);
	});
});

test('Dry Run: the same outcomes, and no write reaches Atlassian', async () => {
	const all = users();
	const input = [
		...all.slice(0, 27).map((u) => ({ userName: u.userName })),
		{ userName: all[0].userName.toUpperCase(), title: 'Dry' }, // a duplicate
		{ userName: 'dry.new@example.com', email: 'dry.new@example.com' },
	];
	input[1] = { userName: all[1].userName, title: 'Dry change' } as never;
	const { items, error } = await upsert({ columns: automatically(), deactivateMissing: true, options: { dryRun: true } }, input);
	expect(error).toBeUndefined();
	expect(sandbox.requests.filter((r) => r.method !== 'GET')).toEqual([]);
	const counts = (list: string[]) => list.reduce<Record<string, number>>((c, o) => ({ ...c, [o]: (c[o] ?? 0) + 1 }), {});
	const activeLeft = all.slice(27).filter((u) => u.active !== false).length;
	expect(counts(outcomes(items))).toEqual({ unchanged: 26, updated: 1, duplicate: 1, created: 1, deactivated: activeLeft });
	expect(items.every((i) => i.json.dryRun === true)).toBe(true);
	expect(items[1].json).toMatchObject({ outcome: 'updated', changes: [{ field: 'Title', after: 'Dry change' }], user: { title: 'Dry change' } });
	expect(users()[1].title).toBe(all[1].title);
});

test('match by email without regard to case: the user name can change with it', async () => {
	const user = users()[6];
	const { items, error } = await upsert({ columns: automatically('primaryEmail') }, [{ email: user.emails[0].value.toUpperCase(), userName: 'renamed.by.email@example.com' }]);
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ outcome: 'updated', id: user.id, changes: [{ field: 'User Name', before: user.userName, after: 'renamed.by.email@example.com' }] });
	expect(writes().map((w) => w.body.Operations)).toEqual([[{ op: 'replace', path: 'userName', value: 'renamed.by.email@example.com' }]]);
});

test('match by external ID exactly: another case is another ID, so that user is new', async () => {
	const user = users()[7];
	const { items, error } = await upsert({ columns: automatically('externalId') }, [
		{ externalId: user.externalId, title: 'Matched by external ID' },
		{ externalId: user.externalId.toUpperCase(), userName: 'other.case@example.com', email: 'other.case@example.com' },
	]);
	expect(error).toBeUndefined();
	expect(outcomes(items)).toEqual(['updated', 'created']);
	expect(items[0].json.id).toBe(user.id);
	expect(byName('other.case@example.com')!.externalId).toBe(user.externalId.toUpperCase());
});

test('duplicates in the input are reported and done once', async () => {
	const user = users()[8];
	const { items, error } = await upsert({ columns: automatically() }, [
		{ userName: user.userName, title: 'First wins' },
		{ userName: user.userName.toUpperCase(), title: 'Second ignored' },
	]);
	expect(error).toBeUndefined();
	expect(items.map((i) => [i.json.outcome, i.pairedItem])).toEqual([
		['updated', { item: 0 }],
		['duplicate', { item: 1 }],
	]);
	expect(items[1].json).toMatchObject({ duplicateOfItem: 1, message: 'Same user name as item 1: done once, by that item' });
	expect(writes()).toHaveLength(1);
	expect(byName(user.userName)!.title).toBe('First wins');
});

describe('bad items', () => {
	const input = () => [
		{ userName: users()[0].userName, title: 'Good' },
		{ userName: users()[1].userName, timezone: 'Sydney' },
		{ title: 'No user name' },
		{ userName: users()[2].userName, title: 'Also good' },
	];

	test('every item is checked before the first write: one bad item and nothing is written', async () => {
		const { error } = await upsert({ columns: automatically() }, input());
		expect(error?.message).toContain('Timezone');
		expect(error?.description).toContain('Item 2');
		expect(sandbox.requests).toEqual([]);
	});

	test('Continue On Fail: each bad item gets its error and its pairedItem; the others are done', async () => {
		const { items, error } = await upsert({ columns: automatically() }, input(), true);
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.outcome, i.pairedItem])).toEqual([
			['updated', { item: 0 }],
			['failed', { item: 1 }],
			['failed', { item: 2 }],
			['updated', { item: 3 }],
		]);
		expect(items[1].json.error).toContain('"Sydney" is not an IANA time zone name');
		expect(items[2].json.error).toContain('User Name (userName): missing');
		expect(writes()).toHaveLength(2);
	});

	test('Continue On Fail with Deactivate Users Not in Input: an item with no user name stops everything', async () => {
		const { error } = await upsert({ columns: automatically(), deactivateMissing: true }, input(), true);
		expect(error?.message ?? '').toContain('input item(s) have no user name');
		expect(writes()).toEqual([]);
	});

	test('a write that fails with Continue On Fail fails its item only', async () => {
		sandbox.injectFaults([{ kind: '500', method: 'PATCH', pathIncludes: users()[1].id }]);
		const { items, error } = await runNode({
			parameters: saved({ resource: 'user', operation: 'upsert', columns: automatically(), requestOptions: { maxRetries: 0 } }),
			input: [{ userName: users()[0].userName, title: 'A' }, { userName: users()[1].userName, title: 'B' }],
			credentials: sandboxCredentials(sandbox),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.outcome, i.pairedItem])).toEqual([
			['updated', { item: 0 }],
			['failed', { item: 1 }],
		]);
		expect(items[1].json).toMatchObject({ userName: users()[1].userName, statusCode: 500, error: expect.stringContaining('(500)') });
	});

	test('a write that fails without Continue On Fail: no write starts after it, and the error lists the users written before', async () => {
		// One write at a time, so "no new write starts" is visible: the third user must stay as it was.
		const [first, second, third] = users();
		sandbox.injectFaults([{ kind: '500', method: 'PATCH', pathIncludes: second.id }]);
		const { items, error } = await runNode({
			parameters: saved({ resource: 'user', operation: 'upsert', columns: automatically(), requestOptions: { maxRetries: 0, maxConcurrency: 1 } }),
			input: [
				{ userName: first.userName, title: 'Written' },
				{ userName: second.userName, title: 'Refused' },
				{ userName: third.userName, title: 'Never sent' },
			],
			credentials: sandboxCredentials(sandbox),
		});
		expect(items).toHaveLength(0);
		expect(error?.message ?? '').toContain('500');
		expect(error?.description).toContain(`1 item was written before this error: ${first.userName} updated.`);
		expect(byName(first.userName)!.title).toBe('Written');
		expect(byName(second.userName)!.title).not.toBe('Refused');
		expect(byName(third.userName)!.title).not.toBe('Never sent');
		expect(writes().map((w) => w.path)).toEqual([expect.stringContaining(first.id), expect.stringContaining(second.id)]);
	});
});

test('the manager is given by user name and sent as its SCIM ID', async () => {
	const [user, manager] = [users()[9], users()[10]];
	const { items, error } = await upsert({ columns: automatically() }, [{ userName: user.userName, manager: manager.userName.toUpperCase() }]);
	expect(error).toBeUndefined();
	expect(writes()[0].body.Operations).toEqual([{ op: 'replace', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: { value: manager.id } }]);
	expect(items[0].json.changes).toEqual([{ field: 'Manager', before: null, after: manager.userName.toUpperCase() }]);
});

test('a new node as the editor saves it, nothing mapped yet: the error names the field matched on and the item', async () => {
	const { error } = await upsert({}, [{ userName: 'ada@example.com' }]);
	expect(error?.message).toBe('User Name (userName): missing: users are matched on it, so every item needs one');
	expect(error?.description).toContain('Item 1');
	expect(sandbox.requests).toEqual([]);
});
