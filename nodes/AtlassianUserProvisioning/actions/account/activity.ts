import type { IDataObject } from 'n8n-workflow';

const DAY_MS = 24 * 3600_000;

/** When a timestamp was, in whole days before `now`; undefined for a missing or unreadable date. */
export function daysSince(timestamp: unknown, now: number): number | undefined {
	if (typeof timestamp !== 'string' || !timestamp) return undefined;
	const at = Date.parse(timestamp);
	return Number.isNaN(at) ? undefined : Math.max(0, Math.floor((now - at) / DAY_MS));
}

export interface Activity {
	/** the most recent activity over all products (ISO-8601), null when never active */
	lastActive: string | null;
	/** whole days since `lastActive`; null when never active (not 0) */
	daysSinceLastActive: number | null;
	neverActive: boolean;
}

/** From per-product `{lastActiveTimestamp}` (v2 search) or `{last_active_timestamp, last_active}` (v1) entries. */
export function activityOf(products: IDataObject[], now: number): Activity {
	let latest: { at: number; text: string } | undefined;
	for (const product of products) {
		const text = product.lastActiveTimestamp ?? product.last_active_timestamp ?? product.last_active;
		if (typeof text !== 'string') continue;
		const at = Date.parse(text);
		if (!Number.isNaN(at) && (!latest || at > latest.at)) latest = { at, text };
	}
	if (!latest) return { lastActive: null, daysSinceLastActive: null, neverActive: true };
	return { lastActive: new Date(latest.at).toISOString(), daysSinceLastActive: daysSince(latest.text, now) ?? null, neverActive: false };
}

/**
 * "Inactive for at least N days": last active N or more days ago, or never active and added to the organization
 * N or more days ago (a new joiner who has not logged in yet is not inactive). An unknown added date counts as old.
 */
export function inactiveFor(activity: Activity, addedToOrg: unknown, days: number, now: number): boolean {
	if (!activity.neverActive) return (activity.daysSinceLastActive ?? 0) >= days;
	const added = daysSince(addedToOrg, now);
	return added === undefined || added >= days;
}
