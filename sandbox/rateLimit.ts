import type { RateLimit } from './types';

export interface RateDecision {
	allowed: boolean;
	/** headers for the answer, per the configured `headers` mode */
	headers: Record<string, string>;
}

/**
 * Fixed one-second windows of `requestsPerSecond`, shared by SCIM and admin calls. A window opens with the first
 * request after the previous one ended (not on wall-clock seconds), so N requests at R/s take at least
 * ceil(N/R) - 1 whole seconds, however the first one is timed.
 * Over the limit: 429. Refused requests do not use the window, so a client that waits for the reset gets through.
 * Headers follow Atlassian's admin APIs (X-RateLimit-Limit/Remaining/Reset, Reset as ISO-8601 UTC) plus Retry-After
 * in whole seconds; what Atlassian's SCIM API sends is UNCONFIRMED (docs/atlassian-api.md §7), hence the `headers` option.
 */
export class RateLimiter {
	private windowStart = 0;

	private used = 0;

	constructor(public limit: RateLimit | null) {}

	/** A new limit starts with a fresh window. */
	configure(limit: RateLimit | null): void {
		this.limit = limit ? { ...limit } : null;
		this.windowStart = 0;
		this.used = 0;
	}

	take(now = Date.now()): RateDecision {
		if (!this.limit) return { allowed: true, headers: {} };
		if (now >= this.windowStart + 1000 || now < this.windowStart) {
			this.windowStart = now;
			this.used = 0;
		}
		const start = this.windowStart;
		const allowed = this.used < this.limit.requestsPerSecond;
		if (allowed) this.used++;
		const remaining = Math.max(0, this.limit.requestsPerSecond - this.used);
		return { allowed, headers: rateHeaders(this.limit, new Date(start + 1000), allowed ? remaining : 0, !allowed, now) };
	}
}

/** The headers for one answer; `retry` adds Retry-After (integer seconds to the reset, at least 1). */
export function rateHeaders(limit: RateLimit | null, reset: Date, remaining: number, retry: boolean, now = Date.now()): Record<string, string> {
	const mode = limit?.headers ?? 'both';
	const headers: Record<string, string> = {};
	if (mode === 'both' || mode === 'reset-only') {
		if (limit) headers['X-RateLimit-Limit'] = String(limit.requestsPerSecond);
		headers['X-RateLimit-Remaining'] = String(remaining);
		headers['X-RateLimit-Reset'] = reset.toISOString();
	}
	if (retry && (mode === 'both' || mode === 'retry-after-only')) {
		headers['Retry-After'] = String(Math.max(1, Math.ceil((reset.getTime() - now) / 1000)));
	}
	return headers;
}
