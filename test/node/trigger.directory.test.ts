/**
 * The trigger's directory source through n8n-core's PollContext, against the sandbox: the silent baseline, each
 * event kind, the watched attributes, a failed poll then a good one, deletions only after a complete listing, and
 * "Fetch Test Event". Changes are made over HTTP, as an identity provider makes them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { Poller } from '../helpers/poll';
import { http } from '../sandbox/client';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };
const ALL_EVENTS = ['userCreated', 'userUpdated', 'userDeactivated', 'userReactivated', 'userDeleted', 'groupCreated', 'groupDeleted', 'groupMembersAdded', 'groupMembersRemoved'];

let sandbox: Sandbox;
let scim: ReturnType<typeof http>;
beforeEach(async () => {
	sandbox = await startSandbox({ seedUsers: 30 });
	scim = http(sandbox);
});
afterEach(async () => await sandbox.close());

/** Parameters as the editor saves them: only what differs from the defaults. */
const poller = (parameters: Record<string, unknown> = { events: ALL_EVENTS }) =>
	new Poller({ pollTimes: EVERY_MINUTE, ...parameters }, sandboxCredentials(sandbox));

const users = () => sandbox.store.users(sandbox.directoryId);
const replace = (path: string, value: unknown) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path, value }] });

async function createUser(userName: string) {
	const reply = await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, displayName: 'New Person', emails: [{ value: userName, type: 'work', primary: true }] });
	expect(reply.status).toBe(201);
	return reply.json.id as string;
}

test('the first poll records a baseline and emits nothing; an unchanged directory emits nothing', async () => {
	const trigger = poller();
	expect(await trigger.poll()).toEqual({ items: null });
	const state = trigger.staticData()['node:Atlassian'] as any;
	expect(Object.keys(state.directory.users)).toHaveLength(30);
	// Compact: the watched values, no whole records.
	expect(JSON.stringify(state)).not.toContain('schemas');
	expect(await trigger.poll()).toEqual({ items: null });
});

test('user created, updated (watched attributes with before and after), deactivated, reactivated and deleted', async () => {
	const trigger = poller();
	await trigger.poll();
	const [a, b, c] = users().filter((u) => u.active);
	const [inactive] = users().filter((u) => !u.active);
	const was = { title: a.title, department: a[ENTERPRISE].department };
	const newId = await createUser('newcomer@example.com');
	expect((await scim.patch(`/Users/${a.id}`, replace('title', 'Chief Analyst'))).status).toBe(200);
	expect((await scim.patch(`/Users/${a.id}`, replace(`${ENTERPRISE}:department`, 'Legal'))).status).toBe(200);
	expect((await scim.patch(`/Users/${b.id}`, replace('active', false))).status).toBe(200);
	expect((await scim.patch(`/Users/${inactive.id}`, replace('active', true))).status).toBe(200);
	expect((await scim.delete(`/Users/${c.id}`)).status).toBe(204);
	// Not watched by default: no event.
	expect((await scim.patch(`/Users/${b.id}`, replace('timezone', 'Asia/Tokyo'))).status).toBe(200);

	const { items, error } = await trigger.poll();
	expect(error).toBeUndefined();
	const byEvent = (event: string) => items!.filter((i) => i.event === event);
	expect(items!.map((i) => i.event).sort()).toEqual(['userCreated', 'userDeactivated', 'userDeleted', 'userReactivated', 'userUpdated']);
	expect(byEvent('userCreated')[0]).toMatchObject({ source: 'directory', user: { id: newId, userName: 'newcomer@example.com', displayName: 'New Person', primaryEmail: 'newcomer@example.com', atlassianAccountId: expect.any(String), active: true } });
	expect(byEvent('userUpdated')[0]).toMatchObject({ user: { id: a.id, userName: a.userName }, changes: [{ field: 'Department', before: was.department, after: 'Legal' }, { field: 'Title', before: was.title, after: 'Chief Analyst' }] });
	expect(byEvent('userUpdated')[0].summary).toBe(`Department: ${was.department} → Legal\nTitle: ${was.title} → Chief Analyst`);
	expect(byEvent('userDeactivated')[0]).toMatchObject({ user: { id: b.id, userName: b.userName, active: false }, changes: [{ field: 'Active', before: true, after: false }] });
	expect(byEvent('userReactivated')[0]).toMatchObject({ user: { id: inactive.id, active: true }, changes: [{ field: 'Active', before: false, after: true }] });
	expect(byEvent('userDeleted')[0]).toMatchObject({ user: { id: c.id, userName: c.userName, displayName: c.displayName } });
	for (const item of items!) expect(Date.parse(String(item.seenAt))).not.toBeNaN();
	// Reported once.
	expect(await trigger.poll()).toEqual({ items: null });
});

test('watched attributes: only the chosen ones make "User Updated"', async () => {
	const trigger = poller({ events: ['userUpdated'], watchedAttributes: ['timezone', 'emails'] });
	await trigger.poll();
	const [a, b] = users();
	const { timezone, emails } = { timezone: b.timezone, emails: b.emails[0].value };
	await scim.patch(`/Users/${a.id}`, replace('title', 'Not Watched'));
	await scim.patch(`/Users/${b.id}`, replace('timezone', 'Asia/Tokyo'));
	await scim.patch(`/Users/${b.id}`, replace('emails', [{ value: 'renamed@example.com', type: 'work', primary: true }]));
	const { items } = await trigger.poll();
	expect(items).toHaveLength(1);
	expect(items![0]).toMatchObject({
		event: 'userUpdated',
		user: { id: b.id },
		changes: [
			{ field: 'Emails', before: `${emails} (work, primary)`, after: 'renamed@example.com (work, primary)' },
			{ field: 'Timezone', before: timezone, after: 'Asia/Tokyo' },
		],
	});
});

test('values with "~" and the user name inside them come back exactly as they were', async () => {
	const trigger = poller({ events: ['userUpdated'], watchedAttributes: ['title', 'emails'] });
	const id = await createUser('t~u@example.com');
	const tricky = 'See t~u@example.com ~u ~~ ~';
	await scim.patch(`/Users/${id}`, replace('title', tricky));
	await trigger.poll();
	await scim.patch(`/Users/${id}`, replace('title', 'Plain'));
	const { items } = await trigger.poll();
	expect(items).toEqual([expect.objectContaining({ changes: [{ field: 'Title', before: tricky, after: 'Plain' }] })]);
});

test('the manager (enterprise extension) is watched by default', async () => {
	const trigger = poller();
	await trigger.poll();
	const [a] = users();
	await scim.patch(`/Users/${a.id}`, replace(`${ENTERPRISE}:manager`, { value: 'boss@example.com' }));
	const { items } = await trigger.poll();
	expect(items).toEqual([expect.objectContaining({ event: 'userUpdated', changes: [{ field: 'Manager', before: null, after: 'boss@example.com' }] })]);
});

test('groups: created, members added and removed (one event per user and group), deleted', async () => {
	const trigger = poller();
	const [a, b, c] = users();
	const existing = await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'old-group', members: [{ value: c.id }] });
	await trigger.poll();
	const created = await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'site-admins-2', members: [{ value: a.id }] });
	expect(created.status).toBe(201);
	const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: a.id }, { value: b.id }] }, { op: 'remove', path: `members[value eq "${c.id}"]` }] };
	expect((await scim.patch(`/Groups/${existing.json.id}`, patch)).status).toBe(200);
	let { items } = await trigger.poll();
	expect(items!.map((i) => [i.event, (i.group as any).displayName, (i.user as any)?.userName ?? null])).toEqual([
		['groupCreated', 'site-admins-2', null],
		['groupMembersAdded', 'old-group', a.userName],
		['groupMembersAdded', 'old-group', b.userName],
		['groupMembersRemoved', 'old-group', c.userName],
	]);
	expect(items![0]).toMatchObject({ group: { id: created.json.id, members: 1 } });
	expect((await scim.delete(`/Groups/${existing.json.id}`)).status).toBe(204);
	({ items } = await trigger.poll());
	expect(items).toEqual([expect.objectContaining({ event: 'groupDeleted', group: { id: existing.json.id, displayName: 'old-group' } })]);
});

test('only the chosen events are emitted', async () => {
	const trigger = poller({ events: ['userDeactivated'] });
	await trigger.poll();
	const [a, b] = users().filter((u) => u.active);
	await createUser('someone@example.com');
	await scim.patch(`/Users/${a.id}`, replace('title', 'Changed'));
	await scim.patch(`/Users/${b.id}`, replace('active', false));
	const { items } = await trigger.poll();
	expect(items!.map((i) => i.event)).toEqual(['userDeactivated']);
});

test('a poll that fails half-way emits nothing and saves nothing; the next poll reports every change once', async () => {
	sandbox.reset({ seedUsers: 150 }); // two pages
	const trigger = poller();
	await trigger.poll();
	const before = JSON.stringify(trigger.staticData());
	const [a] = users().filter((u) => u.active);
	await scim.patch(`/Users/${a.id}`, replace('active', false));
	const newId = await createUser('late@example.com');
	// The second page keeps failing, through the client's retries.
	sandbox.injectFaults([{ kind: '503', pathIncludes: 'startIndex=101' }]);
	const failed = await trigger.poll();
	expect(failed.items).toBeNull();
	expect(failed.error?.message).toMatch(/server error \(503\)/);
	expect(JSON.stringify(trigger.staticData())).toBe(before);
	sandbox.clearFaults();
	const { items } = await trigger.poll();
	expect(items!.map((i) => [i.event, (i.user as any).id]).sort()).toEqual([
		['userCreated', newId],
		['userDeactivated', a.id],
	]);
	expect(await trigger.poll()).toEqual({ items: null });
});

describe('deletion only after a complete listing', () => {
	let proxy: Server;
	let shorten = false;

	beforeEach(async () => {
		sandbox.reset({ seedUsers: 250 });
		// Stands in for a listing that lost users on the way (a page cap changed mid-listing, or users shifted
		// between pages): the third page comes back with half its users while totalResults stays the same.
		proxy = createServer(async (req, res) => {
			const upstream = await fetch(`${sandbox.url}${req.url}`, { headers: { authorization: String(req.headers.authorization) } });
			let body = await upstream.text();
			if (shorten && req.url!.includes('/Users?') && req.url!.includes('startIndex=201')) {
				const page = JSON.parse(body);
				page.Resources = page.Resources.slice(0, 25);
				page.itemsPerPage = 25;
				body = JSON.stringify(page);
			}
			res.writeHead(upstream.status, { 'content-type': 'application/scim+json' });
			res.end(body);
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	});
	afterEach(async () => await new Promise<void>((resolve) => proxy.close(() => resolve())));

	const viaProxy = () => {
		const credentials = sandboxCredentials(sandbox);
		credentials.atlassianScimApi.directoryBaseUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/scim/directory/${sandbox.directoryId}`;
		return new Poller({ pollTimes: EVERY_MINUTE, events: ALL_EVENTS }, credentials);
	};

	test('users missing from an incomplete listing are not reported deleted, now or later', async () => {
		const trigger = viaProxy();
		await trigger.poll();
		const [a] = users().filter((u) => u.active);
		await scim.patch(`/Users/${a.id}`, replace('active', false));
		shorten = true;
		const { items, error } = await trigger.poll();
		expect(error).toBeUndefined();
		// What was seen is reported; nobody "disappeared".
		expect(items!.map((i) => i.event)).toEqual(['userDeactivated']);
		expect(Object.keys((trigger.staticData()['node:Atlassian'] as any).directory.users)).toHaveLength(250);
		shorten = false;
		expect(await trigger.poll()).toEqual({ items: null });
	});

	test('after a complete listing, a deleted user is reported', async () => {
		const trigger = viaProxy();
		await trigger.poll();
		const gone = users()[210];
		await scim.delete(`/Users/${gone.id}`);
		shorten = true;
		expect(await trigger.poll()).toEqual({ items: null });
		shorten = false;
		const { items } = await trigger.poll();
		expect(items).toEqual([expect.objectContaining({ event: 'userDeleted', user: expect.objectContaining({ id: gone.id, userName: gone.userName }) })]);
	});
});

describe('Fetch Test Event (manual mode)', () => {
	test('before any poll: one example event built from the directory, and nothing saved', async () => {
		const trigger = poller({ events: ['userDeactivated'] });
		const { items, error } = await trigger.poll('manual');
		expect(error).toBeUndefined();
		const [first] = users();
		expect(items).toEqual([expect.objectContaining({ event: 'userDeactivated', example: true, user: expect.objectContaining({ id: first.id, userName: first.userName }), changes: [{ field: 'Active', before: true, after: false }] })]);
		expect(trigger.staticData()).toEqual({ 'node:Atlassian': {} });
	});

	test('after the baseline: the real pending change, and the state does not move on', async () => {
		const trigger = poller({ events: ['userDeactivated'] });
		await trigger.poll();
		const [a] = users().filter((u) => u.active);
		await scim.patch(`/Users/${a.id}`, replace('active', false));
		const test = await trigger.poll('manual');
		expect(test.items).toEqual([expect.objectContaining({ event: 'userDeactivated', user: expect.objectContaining({ id: a.id }) })]);
		expect(test.items![0].example).toBeUndefined();
		// The scheduled poll still reports it.
		const { items } = await trigger.poll();
		expect(items).toEqual([expect.objectContaining({ event: 'userDeactivated', user: expect.objectContaining({ id: a.id }) })]);
	});

	test('an empty directory: a clear error', async () => {
		sandbox.reset({ seedUsers: 0 });
		const { error } = await poller().poll('manual');
		expect(error?.message).toBe('No change to show and no user in the directory to build an example event from');
	});
});

test('a wrong key: the action node\'s clear 401, and no state', async () => {
	const credentials = sandboxCredentials(sandbox);
	credentials.atlassianScimApi.apiKey = 'wrong-key';
	const trigger = new Poller({ pollTimes: EVERY_MINUTE }, credentials);
	const { error } = await trigger.poll();
	expect(error?.message).toBe('Atlassian SCIM API credential "Test atlassianScimApi": the directory API key was refused (401)');
	expect(trigger.staticData()['node:Atlassian']).toEqual({});
});
