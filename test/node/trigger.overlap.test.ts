/**
 * Polls that overlap: n8n 2.41.1 starts a poll on every tick without waiting for the previous one. Through
 * n8n-core's PollContext on one Workflow object (as one activation in n8n), with the sandbox slowed so that polls
 * overlap: at most one poll per trigger does work; the others emit nothing, send nothing and leave the state alone;
 * the next poll catches up; every change is emitted exactly once. For both sources. Also: a poll that lost its lock
 * (held past the lease) saves and emits nothing, and a restarted process is never blocked by a lock.
 */
import type { IDataObject } from 'n8n-workflow';

import { LEASE_MS, pollLocks } from '../../nodes/AtlassianUserProvisioning/trigger/pollLock';
import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { Poller, type PollOutcome } from '../helpers/poll';
import { http } from '../sandbox/client';

const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };
/** The key the lock uses for the Poller's workflow ('test') and node ('node-under-test'), see test/helpers/engine.ts. */
const KEY = 'test:node-under-test';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let sandbox: Sandbox;
let scim: ReturnType<typeof http>;
beforeEach(async () => {
	sandbox = await startSandbox({ seedUsers: 8 });
	// More than the polls of one test need: the audit log's 10-a-minute limit is not what this file is about.
	sandbox.auditLog.requestsPerMinute = 1000;
	scim = http(sandbox);
});
afterEach(async () => {
	await sandbox.close();
	expect(pollLocks.isHeld(KEY)).toBe(false);
});

const sources = {
	directory: { parameters: { events: ['userDeactivated', 'userCreated'] }, path: '/Users' },
	auditLog: { parameters: { source: 'auditLog', actions: ['USER_DEACTIVATED', 'USER_PROVISIONED'] }, path: '/events-stream' },
} as const;
type Source = keyof typeof sources;

const poller = (source: Source, staticData?: IDataObject) => new Poller({ pollTimes: EVERY_MINUTE, ...sources[source].parameters }, sandboxCredentials(sandbox), staticData);
/** The GET requests a poll of this source makes first (answered ones: the sandbox logs a request when it answers). */
const listings = (source: Source) => sandbox.requests.filter((r) => r.method === 'GET' && r.path.endsWith(sources[source].path)).length;
const activeUsers = () => sandbox.store.users(sandbox.directoryId).filter((u) => u.active);
const deactivate = async (id: string) =>
	expect((await scim.patch(`/Users/${id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] })).status).toBe(200);
const createUser = async (userName: string) =>
	expect((await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, emails: [{ value: userName, primary: true }] })).status).toBe(201);

async function until(condition: () => boolean, what: string): Promise<void> {
	for (let i = 0; !condition(); i++) {
		if (i > 3000) throw new Error(`never happened: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** What a poll reported, as "event user" lines: "userDeactivated" (directory) and "user_deactivated" (audit log)
 * both read "deactivated", "userCreated" and "user_provisioned" both read "created". */
const reported = (outcome: PollOutcome) =>
	(outcome.items ?? []).map((i) => {
		const event = String(i.event).toLowerCase().replace(/^user_?/, '').replace('provisioned', 'created');
		return `${event} ${String((i.user as IDataObject | undefined)?.userName ?? (i.target as IDataObject | undefined)?.userName)}`;
	});

describe.each(Object.keys(sources) as Source[])('%s', (source) => {
	test('two polls started together, a third while the first waits for its answer: one does the work, each change is emitted once, the next polls catch up', async () => {
		const trigger = poller(source);
		expect(await trigger.poll()).toEqual({ items: null }); // the baseline
		const [a, b] = activeUsers();
		await deactivate(a.id);
		await createUser('newcomer@example.com');
		const state = JSON.stringify(trigger.staticData());
		const before = listings(source);

		// Slow answers: the first poll is still waiting when the others start.
		sandbox.configure({ latencyMs: 400 });
		const first = trigger.poll();
		const second = trigger.poll();
		await until(() => sandbox.stats().inFlight > 0, 'the first poll\'s request');
		const third = await trigger.poll();
		// A change while the working poll waits for an answer that was read before it: for the next poll.
		await deactivate(b.id);
		expect(third).toEqual({ items: null });
		const outcomes = [await first, await second, third];
		for (const outcome of outcomes) expect(outcome.error).toBeUndefined();
		// Exactly one of the three did the work: one listing, one emission.
		expect(listings(source) - before).toBe(1);
		expect(outcomes.filter((o) => o.items !== null)).toHaveLength(1);
		expect(outcomes.flatMap(reported).sort()).toEqual(['created newcomer@example.com', `deactivated ${a.userName}`]);
		expect(JSON.stringify(trigger.staticData())).not.toBe(state);

		sandbox.configure({ latencyMs: 0 });
		// The next poll reports what changed during the slow one, and nothing again.
		const next = await trigger.poll();
		expect(reported(next)).toEqual([`deactivated ${b.userName}`]);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	test('a tick that finds a poll running sends nothing and leaves the state as it was', async () => {
		const trigger = poller(source);
		await trigger.poll();
		await deactivate(activeUsers()[0].id);
		const held = pollLocks.acquire(KEY)!;
		const state = JSON.stringify(trigger.staticData());
		const requests = sandbox.requests.length;
		expect(await trigger.poll()).toEqual({ items: null });
		expect(sandbox.requests.length).toBe(requests);
		expect(JSON.stringify(trigger.staticData())).toBe(state);
		held.release();
		expect(reported(await trigger.poll())).toHaveLength(1);
	});

	test('a poll that still runs when its lease has run out loses the lock: it saves and emits nothing; the taker reports each change once', async () => {
		const trigger = poller(source);
		await trigger.poll();
		const [a] = activeUsers();
		await deactivate(a.id);
		const state = JSON.stringify(trigger.staticData());
		sandbox.configure({ latencyMs: 300 });
		const hung = trigger.poll();
		await until(() => sandbox.stats().inFlight > 0, 'the hung poll\'s request');
		// The lease looks run out (the clock is moved for this one call only): another poll takes the lock.
		const realNow = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(realNow + LEASE_MS);
		const taker = pollLocks.acquire(KEY);
		clock.mockRestore();
		expect(taker).toBeDefined();
		const outcome = await hung;
		expect(outcome).toEqual({ items: null });
		expect(JSON.stringify(trigger.staticData())).toBe(state);
		taker!.release();
		sandbox.configure({ latencyMs: 0 });
		expect(reported(await trigger.poll())).toEqual([`deactivated ${a.userName}`]);
		expect(await trigger.poll()).toEqual({ items: null });
	});

	test('main restarted while a poll ran: the lock is not in the saved state, and the new process polls and reports each change once', async () => {
		const trigger = poller(source);
		await trigger.poll();
		// What n8n had saved (it saves after activation and after polls that emit).
		const saved = trigger.staticData();
		const [a] = activeUsers();
		await deactivate(a.id);
		sandbox.configure({ latencyMs: 300 });
		const cutOff = trigger.poll();
		await until(() => sandbox.stats().inFlight > 0, 'the poll\'s request');
		expect(trigger.staticData()).toEqual(saved);
		sandbox.configure({ latencyMs: 0 });
		// A new process: its own copy of the node (fresh module state), the state from the database.
		let afterRestart: PollOutcome | undefined;
		await jest.isolateModulesAsync(async () => {
			const { Poller: FreshPoller } = await import('../helpers/poll');
			afterRestart = await new FreshPoller({ pollTimes: EVERY_MINUTE, ...sources[source].parameters }, sandboxCredentials(sandbox), saved).poll();
		});
		expect(reported(afterRestart!)).toEqual([`deactivated ${a.userName}`]);
		// The old process's poll (here it just ends; in n8n it died with the process).
		await cutOff;
	});
});
