import type { Answer } from './answer';
import { rateHeaders } from './rateLimit';
import { routeErrorBody } from './scim/errors';
import { LIST_SCHEMA } from './scim/paging';
import type { FaultSpec, RateLimit } from './types';

let oversized: Buffer | undefined;

/**
 * About 20 MB of valid JSON (built once): a huge array, so it is never mistaken for the SCIM resource or list that
 * was asked for; a client must survive its size and recognise it as not the answer it needs.
 */
function oversizedBody(): Buffer {
	oversized ??= Buffer.from(`[${'0,'.repeat(10 * 1024 * 1024)}0]`);
	return oversized;
}

/**
 * The answer a fault puts in place of the real one ('drop' = close the socket without answering).
 * 429 looks like the rate limiter's (Retry-After 1, X-RateLimit-* per the configured header mode); 429 and 5xx
 * bodies have the route's error shape (SCIM or admin); html is a gateway's 502 page; malformed is a 200 whose JSON is cut off; empty is a 200 with no body.
 */
export function faultAnswer(fault: FaultSpec, limit: RateLimit | null, segments: string[]): Answer | 'drop' {
	switch (fault.kind) {
		case 'drop':
			return 'drop';
		case '429': {
			const now = Date.now();
			return { status: 429, body: routeErrorBody(segments, 429, 'Too many requests'), headers: { ...rateHeaders(limit, new Date(now + 1000), 0, false, now), 'Retry-After': '1' } };
		}
		case 'malformed':
			return { status: 200, raw: `{"schemas":["${LIST_SCHEMA}"],"totalResults":1,"Resources":[{"id":"`, contentType: 'application/scim+json' };
		case 'html':
			return {
				status: 502,
				raw: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The server returned an invalid or incomplete response.</p></body></html>',
				contentType: 'text/html; charset=utf-8',
			};
		case 'empty':
			return { status: 200, raw: '', contentType: 'application/scim+json' };
		case 'oversized':
			// The connection closes after it: a client busy parsing 20 MB for longer than the keep-alive timeout would
			// otherwise reuse a socket the server is closing at that moment (ECONNRESET on its next request).
			return { status: 200, raw: oversizedBody(), contentType: 'application/scim+json', headers: { Connection: 'close' } };
		case '500':
		case '502':
		case '503':
		case '504': {
			const status = Number(fault.kind);
			const detail = { 500: 'Internal server error', 502: 'Bad gateway', 503: 'Service unavailable', 504: 'Gateway timeout' }[status as 500 | 502 | 503 | 504];
			return { status, body: routeErrorBody(segments, status, `${detail} (injected)`) };
		}
		default:
			throw new Error(`fault kind ${fault.kind} has no answer`);
	}
}

/**
 * An `after` fault replaces the answer to an operation that was carried out. A garbled body (malformed, empty,
 * oversized) keeps a real error's status: a proxy that cuts a body short does not turn a 404 into a success.
 */
export function afterFault(real: Answer | 'drop', injected: Answer | 'drop'): Answer | 'drop' {
	if (real === 'drop' || injected === 'drop' || injected.status !== 200 || real.status < 300) return injected;
	return { ...injected, status: real.status };
}
