import { backoffDelayMs, quotaExhaustedUntil, serverRetryAt } from '../../nodes/AtlassianUserProvisioning/transport/backoff';

const now = Date.parse('2026-11-24T12:00:00.000Z');

test('Retry-After in seconds and as an HTTP date', () => {
	expect(serverRetryAt({ 'retry-after': '2' }, now)).toBe(now + 2000);
	expect(serverRetryAt({ 'Retry-After': '0.5' }, now)).toBe(now + 500);
	expect(serverRetryAt({ 'retry-after': 'Tue, 24 Nov 2026 12:00:03 GMT' }, now)).toBe(now + 3000);
});

test('X-RateLimit-Reset as ISO-8601 (Atlassian) or epoch seconds, when there is no Retry-After', () => {
	expect(serverRetryAt({ 'x-ratelimit-reset': '2026-11-24T12:00:01.500Z' }, now)).toBe(now + 1500);
	expect(serverRetryAt({ 'x-ratelimit-reset': String(now / 1000 + 4) }, now)).toBe(now + 4000);
	expect(serverRetryAt({ 'retry-after': '1', 'x-ratelimit-reset': '2026-11-24T12:00:09Z' }, now)).toBe(now + 1000);
	expect(serverRetryAt({ 'retry-after': '1', 'x-ratelimit-reset': '2026-11-24T12:00:00.300Z' }, now)).toBe(now + 300);
	expect(serverRetryAt({}, now)).toBeUndefined();
	expect(serverRetryAt({ 'retry-after': 'soon' }, now)).toBeUndefined();
});

test('a used-up quota on a success pauses until the reset', () => {
	expect(quotaExhaustedUntil({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-11-24T12:00:01Z' }, now)).toBe(now + 1000);
	expect(quotaExhaustedUntil({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '2026-11-24T12:00:01Z' }, now)).toBeUndefined();
	expect(quotaExhaustedUntil({ 'x-ratelimit-remaining': '0' }, now)).toBeUndefined();
});

test('exponential backoff with jitter stays within its bounds', () => {
	for (let attempt = 1; attempt <= 12; attempt++) {
		const ceiling = Math.min(30_000, 250 * 2 ** (attempt - 1));
		for (let n = 0; n < 50; n++) {
			const delay = backoffDelayMs(attempt);
			expect(delay).toBeGreaterThanOrEqual(ceiling / 2 - 1);
			expect(delay).toBeLessThanOrEqual(ceiling + 1);
		}
	}
});
