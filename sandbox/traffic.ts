/** Rate limiting in fixed one-second windows, and injected faults, both deterministic enough to test against. */
export interface RateLimit {
	requestsPerSecond: number;
	headers?: 'both' | 'reset-only' | 'retry-after-only' | 'none';
}

export interface FaultSpec {
	kind: '429' | '500' | '502' | '503' | '504' | 'drop' | 'slow' | 'malformed' | 'html' | 'empty' | 'oversized';
	method?: string;
	pathIncludes?: string;
	count?: number;
	probability?: number;
	delayMs?: number;
	after?: 'before' | 'after';
}

export class RateLimiter {
	private windowStart = 0;

	private used = 0;

	constructor(public limit: RateLimit | null) {}

	/** Counts the request if allowed; rejected requests do not use the window. */
	take(now = Date.now()): { allowed: boolean; headers: Record<string, string> } {
		if (!this.limit) return { allowed: true, headers: {} };
		const start = Math.floor(now / 1000) * 1000;
		if (start !== this.windowStart) {
			this.windowStart = start;
			this.used = 0;
		}
		const reset = new Date(start + 1000);
		const allowed = this.used < this.limit.requestsPerSecond;
		if (allowed) this.used++;
		const mode = this.limit.headers ?? 'both';
		const headers: Record<string, string> = {};
		if (mode === 'both' || mode === 'reset-only') {
			headers['X-RateLimit-Limit'] = String(this.limit.requestsPerSecond);
			headers['X-RateLimit-Remaining'] = String(Math.max(0, this.limit.requestsPerSecond - this.used));
			headers['X-RateLimit-Reset'] = reset.toISOString();
		}
		if (!allowed && (mode === 'both' || mode === 'retry-after-only')) {
			headers['Retry-After'] = String(Math.max(1, Math.ceil((reset.getTime() - now) / 1000)));
		}
		return { allowed, headers };
	}
}

/** mulberry32: a small seeded PRNG, so "30 % of requests" is the same 30 % in every run. */
function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Faults {
	private faults: Array<FaultSpec & { left: number }> = [];

	private random = prng(42);

	set(faults: FaultSpec[]) {
		this.faults.push(...faults.map((f) => ({ ...f, left: f.count ?? Number.POSITIVE_INFINITY })));
	}

	clear() {
		this.faults = [];
		this.random = prng(42);
	}

	/** The fault for this request, if any (each counts down when it hits). */
	pick(method: string, path: string): FaultSpec | undefined {
		for (const fault of this.faults) {
			if (fault.left <= 0) continue;
			if (fault.method && fault.method.toUpperCase() !== method) continue;
			if (fault.pathIncludes && !path.includes(fault.pathIncludes)) continue;
			if (fault.probability !== undefined && this.random() >= fault.probability) continue;
			fault.left--;
			return fault;
		}
		return undefined;
	}
}
