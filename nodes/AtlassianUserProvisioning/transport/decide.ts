import type { IDataObject } from 'n8n-workflow';

import { backoffDelayMs, quotaExhaustedUntil, serverRetryAt } from './backoff';
import type { ApiRequest, RequestSettings } from './types';

/**
 * What to do with one attempt's outcome: the client's request loop only acts on this decision. Pure: the clock and
 * the backoff (which has jitter) come in as arguments, so every branch can be tested without a server.
 */

/** 429s do not count against Max Retries (nothing was done), but a request gives up after this long or this often. */
export const MAX_RATE_LIMIT_WAIT_MS = 10 * 60_000;
export const MAX_RATE_LIMITED_ATTEMPTS = 60;
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

/** The counters of one request across its attempts. */
export interface Attempts {
	/** attempts made, this one included */
	attempts: number;
	/** network failures and retryable answers so far (what Max Retries limits) */
	failures: number;
	/** 429 answers so far, and when the first came (0: none yet) */
	rateLimited: number;
	rateLimitedSince: number;
	/** an earlier attempt may have reached Atlassian without its answer coming back */
	resent: boolean;
}

/** Before the first attempt; the request loop counts each attempt in before deciding on its outcome. */
export const NO_ATTEMPTS: Attempts = { attempts: 0, failures: 0, rateLimited: 0, rateLimitedSince: 0, resent: false };

/** One attempt's outcome: no HTTP answer (a Node.js network error code), or an answer. */
export type Outcome =
	| { kind: 'network'; code: string; message: string }
	| { kind: 'answer'; statusCode: number; headers: IDataObject; body: IDataObject; rawText?: string; array?: IDataObject[] };

export type Action =
	/** a 2xx (of the shape asked for) or an expected status: hand it to the caller */
	| { do: 'return' }
	/** try again after waitMs (a lost or garbled answer, a 5xx) */
	| { do: 'retry'; waitMs: number }
	/** 429: try again once the pacer's pause (pauseUntil) is over; not a failure */
	| { do: 'rate-limited' }
	/** a redirect: never followed, the key could reach another host */
	| { do: 'refuse-redirect' }
	/** give up: map the outcome to an error */
	| { do: 'fail'; why: 'network' | 'status' | 'retries' | 'rate-limit' };

export interface Decision {
	action: Action;
	/** how the pacer should count this attempt: 'pushback' when the server showed it is overloaded */
	pacer: 'ok' | 'pushback';
	/** hold every request of the execution until then (429, or a quota that a success said is used up) */
	pauseUntil?: number;
	/** the counters after this attempt */
	next: Attempts;
}

export interface DecideOptions {
	now: number;
	/** backoffDelayMs unless a test fixes it */
	backoff?: (attempt: number, baseMs?: number) => number;
}

/** A network error that is a timeout: the server may be overloaded. */
export function isNetworkTimeout(code: string, message: string): boolean {
	return /ECONNABORTED|ETIMEDOUT|timeout/i.test(`${code} ${message}`);
}

/** Whether an answer lacks what the request needs: a 2xx resource without an id, a list without Resources or an
 * array answer that is no array, or a body that is not JSON (a proxy's page, a truncated answer) where one was due. */
function garbled(req: Pick<ApiRequest, 'method' | 'shape'>, statusCode: number, body: IDataObject, rawText: string | undefined, array?: IDataObject[]): boolean {
	const wrongShape =
		statusCode >= 200 &&
		statusCode < 300 &&
		rawText === undefined &&
		((req.shape === 'resource' && (body.id === undefined || body.id === null || body.id === '')) ||
			(req.shape === 'list' && !Array.isArray(body.Resources)) ||
			(req.shape === 'array' && array === undefined));
	const notJson = statusCode < 300 && rawText !== undefined && req.method !== 'DELETE' && statusCode !== 204;
	return wrongShape || notJson;
}

export function decide(
	req: Pick<ApiRequest, 'method' | 'shape' | 'expect'>,
	outcome: Outcome,
	state: Attempts,
	settings: Pick<RequestSettings, 'maxRetries'>,
	{ now, backoff = backoffDelayMs }: DecideOptions,
): Decision {
	if (outcome.kind === 'network') {
		const next = { ...state, failures: state.failures + 1, resent: true };
		const pacer = isNetworkTimeout(outcome.code, outcome.message) ? 'pushback' : 'ok';
		if (next.failures > settings.maxRetries) return { action: { do: 'fail', why: 'network' }, pacer, next };
		return { action: { do: 'retry', waitMs: backoff(next.failures) }, pacer, next };
	}

	const { statusCode, headers, body, rawText, array } = outcome;
	if (statusCode === 429) {
		const next = { ...state, rateLimited: state.rateLimited + 1, rateLimitedSince: state.rateLimitedSince || now };
		const pauseUntil = serverRetryAt(headers, now) ?? now + backoff(state.attempts - state.failures, 500);
		const exhausted = next.rateLimited >= MAX_RATE_LIMITED_ATTEMPTS || now - next.rateLimitedSince > MAX_RATE_LIMIT_WAIT_MS;
		return { action: exhausted ? { do: 'fail', why: 'rate-limit' } : { do: 'rate-limited' }, pacer: 'pushback', pauseUntil, next };
	}

	if (RETRYABLE_STATUS.has(statusCode) || garbled(req, statusCode, body, rawText, array)) {
		const next = { ...state, failures: state.failures + 1, resent: state.resent || req.method !== 'GET' };
		const pacer = statusCode === 503 || statusCode === 504 ? 'pushback' : 'ok';
		if (next.failures > settings.maxRetries) return { action: { do: 'fail', why: 'retries' }, pacer, next };
		const retryAt = serverRetryAt(headers, now);
		return { action: { do: 'retry', waitMs: retryAt ? Math.max(0, retryAt - now) : backoff(next.failures) }, pacer, next };
	}

	const pauseUntil = quotaExhaustedUntil(headers, now);
	const settled = { pacer: 'ok' as const, next: state, ...(pauseUntil ? { pauseUntil } : {}) };
	if ((statusCode >= 200 && statusCode < 300) || req.expect?.includes(statusCode)) return { action: { do: 'return' }, ...settled };
	if (statusCode >= 300 && statusCode < 400) return { action: { do: 'refuse-redirect' }, ...settled };
	return { action: { do: 'fail', why: 'status' }, ...settled };
}
