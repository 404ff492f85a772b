import type { INodeExecutionData, IPollFunctions } from 'n8n-workflow';

/**
 * At most one poll per trigger does work at a time.
 *
 * n8n 2.41.1 starts a poll on every tick of Poll Times without waiting for the previous one, and both sources read
 * their state when a poll starts and write it when it ends: two overlapping polls would compare against the same
 * state and both emit the same changes. So a poll first takes this trigger's lock; a tick that finds it taken emits
 * nothing and leaves the state alone, and the first tick after the running poll ends catches up.
 *
 * Why in this process's memory, keyed by workflow ID + node ID, and not in the workflow's static data (checked in
 * n8n 2.41.1's code, `TriggerExecutionContextFactory.getExecutePollFunctions`):
 * - with n8n's defaults every poll of one activation gets the same static-data object, but with durable poll cursors
 *   (`N8N_POLLER_DURABLE_CURSORS_ENABLED`) each poll gets its own deep copy, so a lock written there is not seen by
 *   the concurrent poll;
 * - n8n saves the static data after every poll that emits and after activation: a lock written there could be saved
 *   with it and outlive a restart of main. Memory dies with the process, so a restart can never leave the trigger
 *   locked. A poll cut off by a restart saved nothing: the first poll after the restart reports its changes.
 * Polls run on main only (queue mode too; in multi-main, on the leader, and n8n discards the results of a poll that
 * was still running when its activation was removed), so one process is the right scope.
 *
 * The lock is a lease: it records the poll's ID and when it started. A poll that still holds it after LEASE_MS is
 * taken to be hung (a promise that never settles) and the next tick takes over; if the old poll ever ends, it no
 * longer holds the lock and emits nothing and saves nothing (`holds()` is checked before the state is written).
 * One hour is far beyond a normal poll (10,000 users: about 100 requests, a few seconds) and beyond one request's
 * worst case (timeouts, retries, and at most 10 minutes of waiting out 429s).
 */
export const LEASE_MS = 60 * 60_000;

export interface PollLock {
	readonly key: string;
	readonly id: number;
	readonly startedAt: number;
	/** Still this poll's: it may write the state and emit. */
	holds(): boolean;
	release(): void;
}

export class PollLocks {
	private readonly held = new Map<string, { id: number; startedAt: number }>();

	private lastId = 0;

	constructor(private readonly now: () => number = () => Date.now()) {}

	/** The lock, or undefined when another poll of the same trigger holds an unexpired lease. Synchronous: no other
	 * poll can run between the check and the take. */
	acquire(key: string): PollLock | undefined {
		const now = this.now();
		const current = this.held.get(key);
		if (current && now - current.startedAt < LEASE_MS) return undefined;
		const entry = { id: ++this.lastId, startedAt: now };
		this.held.set(key, entry);
		const holds = () => this.held.get(key) === entry;
		return {
			key,
			id: entry.id,
			startedAt: entry.startedAt,
			holds,
			release: () => {
				if (holds()) this.held.delete(key);
			},
		};
	}

	/** Whether a poll of this trigger is running (holds an unexpired lease). */
	isHeld(key: string): boolean {
		const current = this.held.get(key);
		return current !== undefined && this.now() - current.startedAt < LEASE_MS;
	}
}

/** One per n8n process: the module is loaded once per process. */
export const pollLocks = new PollLocks();

/** The trigger's identity across activations: the workflow's ID and the node's ID (stable across renames). */
export function triggerKey(ctx: IPollFunctions): string {
	const node = ctx.getNode();
	return `${ctx.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}

type Poll = (this: IPollFunctions, lock?: PollLock) => Promise<INodeExecutionData[][] | null>;

/**
 * Runs one poll of a trigger with its lock: at most one poll of this trigger at a time. The lock is taken before the
 * first await, so a tick that comes while a poll runs finds it taken, emits nothing and leaves the state alone.
 * "Fetch Test Event" writes no state: it needs no lock and must not wait for the scheduled polls.
 */
export async function pollOnce(ctx: IPollFunctions, poll: Poll): Promise<INodeExecutionData[][] | null> {
	if (ctx.getMode() === 'manual') return await poll.call(ctx);
	const lock = pollLocks.acquire(triggerKey(ctx));
	if (!lock) return null;
	try {
		return await poll.call(ctx, lock);
	} finally {
		lock.release();
	}
}
