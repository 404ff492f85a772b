import { Pacer } from '../../nodes/AtlassianUserProvisioning/transport/pacer';

test('grows while answers are prompt and work is waiting, up to its maximum', async () => {
	const pacer = new Pacer(16);
	expect(pacer.currentLimit).toBe(4);
	await Promise.all(
		Array.from({ length: 200 }, async () => {
			const slot = await pacer.acquire();
			await new Promise((r) => setImmediate(r));
			pacer.release(slot, 'ok');
		}),
	);
	expect(pacer.currentLimit).toBe(16);
	expect(pacer.maxInFlightSeen).toBe(16);
});

test('does not grow when nothing waits for a slot', async () => {
	const pacer = new Pacer(16);
	for (let n = 0; n < 50; n++) pacer.release(await pacer.acquire(), 'ok');
	expect(pacer.currentLimit).toBe(4);
});

test('halves once per round trip on pushback, never below one', async () => {
	const pacer = new Pacer(32, 16);
	const started = await Promise.all(Array.from({ length: 16 }, async () => await pacer.acquire()));
	for (const s of started) pacer.release(s, 'pushback');
	// All 16 were sent before the first decrease: one halving, not sixteen.
	expect(pacer.currentLimit).toBe(8);
	for (let n = 0; n < 10; n++) pacer.release(await pacer.acquire(), 'pushback');
	expect(pacer.currentLimit).toBe(1);
});

test('never lets more requests in flight than the limit', async () => {
	const pacer = new Pacer(3, 3);
	let inFlight = 0;
	let peak = 0;
	await Promise.all(
		Array.from({ length: 30 }, async () => {
			const s = await pacer.acquire();
			inFlight++;
			peak = Math.max(peak, inFlight);
			await new Promise((r) => setImmediate(r));
			inFlight--;
			pacer.release(s, 'ok');
		}),
	);
	expect(peak).toBe(3);
});

test('a server-requested pause holds new requests until it ends', async () => {
	jest.useFakeTimers();
	try {
		const pacer = new Pacer(4);
		pacer.pauseUntil(Date.now() + 150);
		let acquired = false;
		const pending = pacer.acquire().then(() => (acquired = true));
		await jest.advanceTimersByTimeAsync(149);
		expect(acquired).toBe(false);
		await jest.advanceTimersByTimeAsync(1);
		await pending;
		expect(acquired).toBe(true);
	} finally {
		jest.useRealTimers();
	}
});
