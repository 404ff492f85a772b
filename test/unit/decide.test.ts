import type { IDataObject } from 'n8n-workflow';

import { decide, MAX_RATE_LIMITED_ATTEMPTS, MAX_RATE_LIMIT_WAIT_MS, NO_ATTEMPTS, type Attempts, type Outcome } from '../../nodes/AtlassianUserProvisioning/transport/decide';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const backoff = (attempt: number, baseMs = 250) => baseMs * attempt;
const opts = { now: NOW, backoff };
const settings = { maxRetries: 2 };
const GET = { method: 'GET' as const };
const first: Attempts = { ...NO_ATTEMPTS, attempts: 1 };
const answer = (statusCode: number, body: IDataObject = {}, headers: IDataObject = {}, rawText?: string): Outcome => ({ kind: 'answer', statusCode, body, headers, ...(rawText === undefined ? {} : { rawText }) });
const network = (code: string, message = 'socket hang up'): Outcome => ({ kind: 'network', code, message });

describe('success and expected statuses', () => {
	test('a 2xx is returned, counters unchanged', () => {
		expect(decide(GET, answer(200, { id: 'u1' }), first, settings, opts)).toEqual({ action: { do: 'return' }, pacer: 'ok', next: first });
	});
	test('an expected 404 is returned; an unexpected one fails with the status', () => {
		expect(decide({ ...GET, expect: [404] }, answer(404), first, settings, opts).action).toEqual({ do: 'return' });
		expect(decide(GET, answer(404), first, settings, opts).action).toEqual({ do: 'fail', why: 'status' });
	});
	test('a success that says the quota is used up pauses every request until the reset', () => {
		const reset = new Date(NOW + 5_000).toISOString();
		const decision = decide(GET, answer(200, {}, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset }), first, settings, opts);
		expect(decision).toMatchObject({ action: { do: 'return' }, pauseUntil: NOW + 5_000 });
	});
	test('a redirect is refused, never followed', () => {
		expect(decide(GET, answer(302, {}, { location: 'https://elsewhere.example' }), first, settings, opts).action).toEqual({ do: 'refuse-redirect' });
	});
});

describe('retries: lost, garbled and 5xx answers', () => {
	test('a network error is retried with backoff, marks the request re-sent, and pushes back on timeouts only', () => {
		const reset = decide(GET, network('ECONNRESET'), first, settings, opts);
		expect(reset).toEqual({ action: { do: 'retry', waitMs: 250 }, pacer: 'ok', next: { ...first, failures: 1, resent: true } });
		expect(decide(GET, network('ETIMEDOUT', 'timeout of 1000ms exceeded'), first, settings, opts).pacer).toBe('pushback');
	});
	test('after Max Retries failures the network error fails', () => {
		const third = { ...first, attempts: 3, failures: 2, resent: true };
		expect(decide(GET, network('ECONNRESET'), third, settings, opts).action).toEqual({ do: 'fail', why: 'network' });
	});
	test('5xx: retried; a GET is not "re-sent" (it changes nothing), a POST is; 503 and 504 push back', () => {
		expect(decide(GET, answer(500), first, settings, opts)).toEqual({ action: { do: 'retry', waitMs: 250 }, pacer: 'ok', next: { ...first, failures: 1 } });
		expect(decide({ method: 'POST' }, answer(502), first, settings, opts).next.resent).toBe(true);
		expect(decide(GET, answer(503), first, settings, opts).pacer).toBe('pushback');
		expect(decide(GET, answer(504), first, settings, opts).pacer).toBe('pushback');
	});
	test('a 503 with Retry-After waits exactly that long', () => {
		expect(decide(GET, answer(503, {}, { 'Retry-After': '3' }), first, settings, opts).action).toEqual({ do: 'retry', waitMs: 3_000 });
	});
	test('a 2xx without the shape asked for, or not JSON, is a garbled answer: retried', () => {
		expect(decide({ ...GET, shape: 'resource' }, answer(200, { userName: 'x' }), first, settings, opts).action.do).toBe('retry');
		expect(decide({ ...GET, shape: 'list' }, answer(200, { resources: [] }), first, settings, opts).action.do).toBe('retry');
		expect(decide(GET, answer(200, {}, {}, '<html>proxy</html>'), first, settings, opts).action.do).toBe('retry');
		// An empty 204 to a DELETE is what Atlassian sends.
		expect(decide({ method: 'DELETE' }, answer(204, {}, {}, ''), first, settings, opts).action.do).toBe('return');
	});
	test('after Max Retries retryable answers the last one fails', () => {
		expect(decide(GET, answer(500), { ...first, attempts: 3, failures: 2 }, settings, opts).action).toEqual({ do: 'fail', why: 'retries' });
	});
});

describe('429: waited out, not counted against Max Retries', () => {
	test('Retry-After sets the pause; failures stay as they were', () => {
		const decision = decide(GET, answer(429, {}, { 'Retry-After': '2' }), first, settings, opts);
		expect(decision).toEqual({ action: { do: 'rate-limited' }, pacer: 'pushback', pauseUntil: NOW + 2_000, next: { ...first, rateLimited: 1, rateLimitedSince: NOW } });
	});
	test('without headers the pause is a backoff from a 500 ms base', () => {
		expect(decide(GET, answer(429), { ...first, attempts: 3 }, settings, opts).pauseUntil).toBe(NOW + 1_500);
	});
	test(`gives up after ${MAX_RATE_LIMITED_ATTEMPTS} answers or ${MAX_RATE_LIMIT_WAIT_MS / 60_000} minutes of 429s`, () => {
		const many = { ...first, rateLimited: MAX_RATE_LIMITED_ATTEMPTS - 1, rateLimitedSince: NOW - 1_000 };
		expect(decide(GET, answer(429), many, settings, opts).action).toEqual({ do: 'fail', why: 'rate-limit' });
		const long = { ...first, rateLimited: 3, rateLimitedSince: NOW - MAX_RATE_LIMIT_WAIT_MS - 1 };
		expect(decide(GET, answer(429), long, settings, opts).action).toEqual({ do: 'fail', why: 'rate-limit' });
		const soon = { ...first, rateLimited: 3, rateLimitedSince: NOW - MAX_RATE_LIMIT_WAIT_MS };
		expect(decide(GET, answer(429), soon, settings, opts).action).toEqual({ do: 'rate-limited' });
	});
});
