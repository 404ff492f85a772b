/**
 * The Atlassian Audit Log Trigger through n8n-core's PollContext, against the sandbox's events-stream: the baseline,
 * the cursor across polls, the action filter, events processed late, the 10-requests-a-minute limit, a failed poll,
 * the Guard-less error and "Fetch Test Event". The sandbox records events from its own SCIM writes.
 */
import { LoadOptionsContext } from 'n8n-core';
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox';
import type { AuditLogOptions } from '../../sandbox/org/events';
import { sandboxCredentials } from '../helpers/credentials';
import { setup } from '../helpers/engine';
import { AtlassianUserProvisioningAuditLogTrigger } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioningAuditLogTrigger.node';
import { AUDIT_LOG_TRIGGER_TYPE, Poller } from '../helpers/poll';
import { http } from '../sandbox/client';

const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };

let sandbox: Sandbox;
let scim: ReturnType<typeof http>;
const start = async (auditLog?: AuditLogOptions) => {
	sandbox = await startSandbox({ seedUsers: 5, auditLog });
	scim = http(sandbox);
};
afterEach(async () => await sandbox.close());

const poller = (parameters: Record<string, unknown> = {}, staticData?: IDataObject) =>
	new Poller({ pollTimes: EVERY_MINUTE, source: 'auditLog', ...parameters }, sandboxCredentials(sandbox), staticData);
const streamRequests = () => sandbox.requests.filter((r) => r.path.endsWith('/events-stream'));
const setActive = async (id: string, active: boolean) =>
	expect((await scim.patch(`/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: active }] })).status).toBe(200);
const activeUsers = () => sandbox.store.users(sandbox.directoryId).filter((u) => u.active);

test('the first poll is a silent baseline; then each new event comes once, across polls, by cursor', async () => {
	await start();
	const [a, b] = activeUsers();
	await setActive(a.id, false); // before activation: part of the baseline
	const trigger = poller();
	expect(await trigger.poll()).toEqual({ items: null });
	const state = (trigger.staticData()['node:Atlassian'] as any).auditLog;
	expect(state).toMatchObject({ v: 1, catchingUp: false, cursor: expect.any(String) });

	await setActive(b.id, false);
	const first = await trigger.poll();
	expect(first.error).toBeUndefined();
	let { items } = first;
	expect(items).toHaveLength(1);
	expect(items![0]).toMatchObject({
		event: 'user_deactivated',
		description: 'User deactivated',
		source: 'auditLog',
		id: expect.any(String),
		time: expect.any(String),
		processedAt: expect.any(String),
		actor: { id: `scim-${sandbox.directoryId}` },
		target: { type: 'users', userName: b.userName, email: b.userName, name: b.displayName },
	});
	// The second poll sent the cursor the first one kept.
	expect(new URLSearchParams(streamRequests()[1].query).get('cursor')).toBe(state.cursor);

	await setActive(b.id, true);
	({ items } = await trigger.poll());
	expect(items!.map((i) => i.event)).toEqual(['user_reactivated']);
	expect(await trigger.poll()).toEqual({ items: null });
	expect(streamRequests()).toHaveLength(4);
});

test('the action filter: IDs from event-actions (upper-case) match the events\' actions (lower-case)', async () => {
	await start();
	const trigger = poller({ actions: ['USER_DEACTIVATED'] });
	await trigger.poll();
	const [a, b] = activeUsers();
	await setActive(a.id, false);
	await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'not-wanted' });
	await setActive(b.id, false);
	const { items } = await trigger.poll();
	expect(items!.map((i) => (i.target as any).userName)).toEqual([a.userName, b.userName]);
});

test('an event processed late (its time before the last poll) is not lost', async () => {
	await start();
	const trigger = poller();
	await trigger.poll();
	await trigger.poll();
	const late = sandbox.auditLog.record('API_TOKEN_CREATED', [], { time: new Date(Date.now() - 10 * 60_000) });
	const { items } = await trigger.poll();
	expect(items).toEqual([expect.objectContaining({ id: late.id, event: 'api_token_created', time: late.time })]);
});

test('10 requests a minute: a backlog is read up to the limit, never refused, and the next poll carries on', async () => {
	await start();
	const trigger = poller();
	await trigger.poll(); // 1 request
	for (let n = 0; n < 2050; n++) sandbox.auditLog.record('API_TOKEN_CREATED');
	const first = await trigger.poll();
	// 9 requests left in this minute: 9 pages of 200.
	expect(first.items).toHaveLength(1800);
	expect(streamRequests()).toHaveLength(10);
	expect(sandbox.stats().byStatus['429']).toBeUndefined();
	// Still inside the minute: no request, nothing emitted, nothing lost.
	expect(await trigger.poll()).toEqual({ items: null });
	expect(streamRequests()).toHaveLength(10);
	// A minute later (the saved request times aged out, and the sandbox's window too).
	const saved = trigger.staticData();
	(saved['node:Atlassian'] as any).auditLog.calls = [];
	sandbox.auditLog.requestsPerMinute = 100;
	const next = await poller({}, saved).poll();
	expect(next.items).toHaveLength(250);
	const ids = new Set([...first.items!, ...next.items!].map((i) => i.id));
	expect(ids.size).toBe(2050);
});

test('a poll starts no new page once its time budget (n8n\'s getPollBudgetMs, when shorter than 40 s) is spent; the next poll carries on from the cursor', async () => {
	await start();
	sandbox.auditLog.requestsPerMinute = 100;
	sandbox.configure({ latencyMs: 5 });
	const trigger = poller();
	await trigger.poll();
	for (let n = 0; n < 450; n++) sandbox.auditLog.record('API_TOKEN_CREATED');
	const pollWithBudget = async (budgetMs: number) => {
		const context = trigger.context('trigger');
		context.getPollBudgetMs = () => budgetMs;
		const result = await trigger.trigger.poll.call(context);
		return result ? result[0].map((item) => item.json) : null;
	};
	const requests = streamRequests().length;
	// 1 ms: spent by the first page (the first page is always read).
	const first = await pollWithBudget(1);
	expect(first).toHaveLength(200);
	expect(streamRequests().length - requests).toBe(1);
	const rest = await pollWithBudget(60_000);
	expect(rest).toHaveLength(250);
	expect(new Set([...first!, ...rest!].map((i) => i.id)).size).toBe(450);
});

test('a failed poll emits nothing and saves nothing; the next poll emits the events once', async () => {
	await start();
	const trigger = poller();
	await trigger.poll();
	const before = JSON.stringify(trigger.staticData());
	const [a] = activeUsers();
	await setActive(a.id, false);
	sandbox.injectFaults([{ kind: '503', pathIncludes: 'events-stream' }]);
	const failed = await trigger.poll();
	expect(failed.items).toBeNull();
	expect(failed.error?.message).toMatch(/server error \(503\)/);
	expect(JSON.stringify(trigger.staticData())).toBe(before);
	sandbox.clearFaults();
	sandbox.auditLog.requestsPerMinute = 100;
	const { items } = await trigger.poll();
	expect(items!.map((i) => (i.target as any).userName)).toEqual([a.userName]);
	expect(await trigger.poll()).toEqual({ items: null });
});

describe('without Atlassian Guard', () => {
	test('a 403 on the events, with a key that works for the organization, says Guard is needed', async () => {
		await start({ guard: false });
		const trigger = poller();
		const { error } = await trigger.poll();
		expect(error?.message).toBe('The organization audit log needs Atlassian Guard: Atlassian refused the events (403)');
		expect(error?.description).toMatch(/Atlassian Guard Standard or Premium/);
		expect(error?.httpCode).toBe('403');
		expect(trigger.staticData()['node:Atlassian']).toEqual({});
	});

	test('a wrong Organization ID is not blamed on Guard', async () => {
		await start({ guard: false });
		const credentials = sandboxCredentials(sandbox);
		credentials.atlassianOrganizationApi.organizationId = 'another-org';
		const { error } = await new Poller({ source: 'auditLog' }, credentials).poll();
		expect(error?.message).toBe('Atlassian Organization API credential "Test atlassianOrganizationApi": the key cannot access organization "another-org" (403)');
	});

	test('an audit log that stays empty: Fetch Test Event says why, instead of silence', async () => {
		await start({ guard: 'empty' });
		const { error } = await poller().poll('manual');
		expect(error?.message).toBe('The organization audit log has no events in the last 180 days');
		expect(error?.description).toMatch(/only for organizations with Atlassian Guard/);
	});
});

describe('Fetch Test Event (manual mode)', () => {
	test('the latest event with a chosen action, in one request, and nothing saved', async () => {
		await start();
		const [a, b] = activeUsers();
		await setActive(a.id, false);
		await setActive(b.id, false);
		await setActive(b.id, true);
		const trigger = poller({ actions: ['USER_DEACTIVATED'] });
		const { items, error } = await trigger.poll('manual');
		expect(error).toBeUndefined();
		expect(items).toEqual([expect.objectContaining({ event: 'user_deactivated', target: expect.objectContaining({ userName: b.userName }) })]);
		expect(streamRequests()).toHaveLength(1);
		expect(trigger.staticData()).toEqual({});
	});
});

test('the action picker lists event-actions, grouped and sorted', async () => {
	await start();
	const trigger = new AtlassianUserProvisioningAuditLogTrigger();
	const { node, workflow, additionalData } = setup({
		parameters: {},
		credentials: sandboxCredentials(sandbox),
		type: AUDIT_LOG_TRIGGER_TYPE,
		nodeTypes: { [AUDIT_LOG_TRIGGER_TYPE]: trigger },
	});
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.actions') as unknown as ILoadOptionsFunctions;
	const options = await trigger.methods.loadOptions.getEventActions.call(context);
	expect(options).toContainEqual({ name: 'User management: User deactivated', value: 'USER_DEACTIVATED', description: 'USER_DEACTIVATED' });
	expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((x, y) => x.localeCompare(y)));
});
