/**
 * The directory source at scale: a poll of 10,000 unchanged users makes exactly the requests its pages need
 * (100 user pages of 100, one group page) and emits nothing; its saved state stays compact.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { Poller } from '../helpers/poll';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 10_000 });
});
afterAll(async () => await sandbox.close());

test('10,000 unchanged users: page-floor requests, nothing emitted, about 1 MB of state', async () => {
	const trigger = new Poller({ pollTimes: { item: [{ mode: 'everyMinute' }] } }, sandboxCredentials(sandbox));
	expect(await trigger.poll()).toEqual({ items: null });
	sandbox.resetStats();
	sandbox.requests.length = 0;
	expect(await trigger.poll()).toEqual({ items: null });
	const floor = Math.ceil(10_000 / 100) + 1;
	expect(sandbox.stats().requests).toBe(floor);
	const userPages = sandbox.requests.filter((r) => r.path.endsWith('/Users'));
	expect(userPages).toHaveLength(100);
	for (const page of userPages) expect(new URLSearchParams(page.query).get('count')).toBe('100');
	const size = Buffer.byteLength(JSON.stringify(trigger.staticData()));
	// Measured at about 1.1 MB (about 110 bytes a user with the default watched attributes); whole records would be ~9 MB.
	expect(size).toBeLessThan(1_500_000);
	console.log(`state for 10,000 users: ${size} bytes; requests per unchanged poll: ${sandbox.stats().requests}`);
}, 120_000);
