import type { IDataObject } from 'n8n-workflow';

/** Exponential backoff with full jitter: spreads retries so that parallel requests do not return in lock-step. */
export function backoffDelayMs(attempt: number, baseMs = 250, capMs = 30_000): number {
	const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Header lookup by lower-case name; servers and proxies differ in the case they send. */
function header(headers: IDataObject, name: string): string | undefined {
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (Array.isArray(value)) return value.length ? String(value[0]) : undefined;
	return value === undefined || value === null ? undefined : String(value);
}

function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : date;
}

function parseReset(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const numeric = Number(value);
	if (Number.isFinite(numeric)) {
		// Epoch seconds (or ms) vs. "seconds from now", by magnitude.
		if (numeric > 1e12) return numeric;
		if (numeric > 1e9) return numeric * 1000;
		return now + numeric * 1000;
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : date;
}

/**
 * When the server asks us to come back: `Retry-After` (seconds or an HTTP date) or `X-RateLimit-Reset`
 * (Atlassian documents ISO-8601 UTC; epoch seconds are accepted too). Retry-After comes in whole seconds, so when
 * the reset time is given too and falls inside it, the precise reset wins. Returns an absolute time in ms.
 */
export function serverRetryAt(headers: IDataObject, now = Date.now()): number | undefined {
	const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now);
	const reset = parseReset(header(headers, 'x-ratelimit-reset'), now);
	if (retryAfter !== undefined && reset !== undefined && reset > now && reset <= retryAfter) return reset;
	return retryAfter ?? reset;
}

/** `X-RateLimit-Remaining: 0` on a success means the next request would be refused until the reset. */
export function quotaExhaustedUntil(headers: IDataObject, now = Date.now()): number | undefined {
	const remaining = header(headers, 'x-ratelimit-remaining');
	if (remaining === undefined || Number(remaining) > 0) return undefined;
	const reset = header(headers, 'x-ratelimit-reset');
	if (reset === undefined) return undefined;
	const at = serverRetryAt({ 'x-ratelimit-reset': reset }, now);
	return at !== undefined && at > now ? at : undefined;
}
