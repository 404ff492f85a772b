/**
 * The shared directory listing (the trigger's poll, Update's and Create or Update's reads): every page after the first
 * is asked for at once, a 429 or a 5xx in the middle is waited out or retried by the client, and the listing is whole.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { sandboxCredentials } from '../helpers/credentials';
import { Poller } from '../helpers/poll';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 1000 });
});
afterAll(async () => await sandbox.close());

const userPages = () => sandbox.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/Users'));
const startOf = (query: string) => new URLSearchParams(query).get('startIndex');

test('a 429 and a 5xx in the middle of the listing are retried: one baseline of every user, each page answered once', async () => {
	sandbox.requests.length = 0;
	sandbox.injectFaults([
		{ kind: '429', pathIncludes: 'startIndex=501&', count: 1 },
		{ kind: '500', pathIncludes: 'startIndex=701&', count: 1 },
	]);
	const trigger = new Poller({ pollTimes: { item: [{ mode: 'everyMinute' }] } }, sandboxCredentials(sandbox));
	expect(await trigger.poll()).toEqual({ items: null });
	sandbox.clearFaults();
	const pages = userPages();
	expect(pages.filter((p) => p.status === 429).map((p) => startOf(p.query))).toEqual(['501']);
	expect(pages.filter((p) => p.status === 500).map((p) => startOf(p.query))).toEqual(['701']);
	const answered = pages.filter((p) => p.status === 200).map((p) => Number(startOf(p.query)));
	expect(answered.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, n) => 1 + 100 * n));
	const state = JSON.stringify(trigger.staticData());
	for (const user of sandbox.store.users(sandbox.directoryId)) expect(state).toContain(`"${user.id}"`);
});

test('after the first page, the other pages are in flight together (not one after another)', async () => {
	sandbox.configure({ latencyMs: 30 });
	sandbox.resetStats();
	const trigger = new Poller({ pollTimes: { item: [{ mode: 'everyMinute' }] } }, sandboxCredentials(sandbox));
	expect(await trigger.poll()).toEqual({ items: null });
	sandbox.configure({ latencyMs: 0 });
	expect(sandbox.stats().maxInFlight).toBeGreaterThan(1);
});
