/**
 * The trigger's per-trigger poll lock (nodes/AtlassianUserProvisioning/trigger/pollLock.ts) on a fake clock: one
 * holder per key, released by its holder only, and a lease that a hung poll loses.
 */
import { LEASE_MS, PollLocks } from '../../nodes/AtlassianUserProvisioning/trigger/pollLock';

let now = 1_000_000;
const locks = () => new PollLocks(() => now);

test('one holder per trigger; other triggers are independent; free again after release', () => {
	const table = locks();
	const first = table.acquire('wf1:a')!;
	expect(first.holds()).toBe(true);
	expect(table.acquire('wf1:a')).toBeUndefined();
	expect(table.isHeld('wf1:a')).toBe(true);
	// Another node of the same workflow, the same node ID in another workflow.
	expect(table.acquire('wf1:b')).toBeDefined();
	expect(table.acquire('wf2:a')).toBeDefined();
	first.release();
	expect(first.holds()).toBe(false);
	expect(table.isHeld('wf1:a')).toBe(false);
	const second = table.acquire('wf1:a')!;
	expect(second.id).not.toBe(first.id);
	// Releasing twice, or an old lock, does not free the new holder's.
	first.release();
	expect(second.holds()).toBe(true);
});

test('a lease held past LEASE_MS is taken over; the old holder no longer holds it and cannot release the new one', () => {
	const table = locks();
	const hung = table.acquire('wf:n')!;
	now += LEASE_MS - 1;
	expect(table.acquire('wf:n')).toBeUndefined();
	now += 1;
	expect(table.isHeld('wf:n')).toBe(false);
	const next = table.acquire('wf:n')!;
	expect(next.startedAt).toBe(now);
	expect(hung.holds()).toBe(false);
	hung.release();
	expect(next.holds()).toBe(true);
	expect(table.acquire('wf:n')).toBeUndefined();
});
