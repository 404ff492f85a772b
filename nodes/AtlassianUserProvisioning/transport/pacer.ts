import { sleep } from 'n8n-workflow';

export type Outcome = 'ok' | 'pushback';

/** One request's place in the pacer: handed out by `acquire`, given back to `release`. */
export interface Slot {
	ticket: number;
	startedAt: number;
	/** Whether other requests were waiting when this one started: only then can a bigger limit help. */
	saturated: boolean;
}

/**
 * Decides how many requests of one execution are in flight. It grows while answers come back promptly and
 * without pushback, and halves when the server pushes back (429, 503, timeouts), like TCP congestion control:
 * slow start (+1 per prompt answer) until the first pushback, then +1/limit per prompt answer.
 *
 * One pacer lives inside one execution and is dropped with it: nothing is shared between executions,
 * so n8n's queue mode (many workers) behaves like a single instance.
 */
export class Pacer {
	private limit: number;

	private inFlight = 0;

	private slowStart = true;

	private readonly waiting: Array<() => void> = [];

	private pausedUntil = 0;

	private baselineMs = Number.POSITIVE_INFINITY;

	private nextTicket = 0;

	/** Answers to requests sent before the last decrease say nothing new about the server. */
	private decreasedAtTicket = 0;

	maxInFlightSeen = 0;

	constructor(
		private readonly maxConcurrency: number,
		initial = 4,
	) {
		this.limit = Math.max(1, Math.min(initial, maxConcurrency));
	}

	get currentLimit(): number {
		return Math.floor(this.limit);
	}

	/** Waits for a free slot and for any server-requested pause to end. */
	async acquire(): Promise<Slot> {
		let waited = false;
		for (;;) {
			const pause = this.pausedUntil - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this.inFlight < Math.floor(this.limit)) break;
			waited = true;
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.inFlight++;
		if (this.inFlight > this.maxInFlightSeen) this.maxInFlightSeen = this.inFlight;
		const saturated = waited || this.waiting.length > 0 || this.inFlight >= Math.floor(this.limit);
		return { ticket: this.nextTicket++, startedAt: Date.now(), saturated };
	}

	/** Frees the slot and adapts the limit to how the server answered. */
	release(slot: Slot, outcome: Outcome): void {
		this.inFlight--;
		if (outcome === 'pushback') {
			if (slot.ticket >= this.decreasedAtTicket) {
				this.limit = Math.max(1, this.limit / 2);
				this.slowStart = false;
				this.decreasedAtTicket = this.nextTicket;
			}
		} else {
			const latency = Date.now() - slot.startedAt;
			this.baselineMs = Math.min(this.baselineMs, latency);
			const prompt = latency <= Math.max(2 * this.baselineMs, this.baselineMs + 50);
			if (prompt && slot.saturated) {
				this.limit = Math.min(this.maxConcurrency, this.limit + (this.slowStart ? 1 : 1 / this.limit));
			}
		}
		this.wakeUp();
	}

	/** The server said when to come back: hold every new request of this execution until then. */
	pauseUntil(at: number): void {
		if (at > this.pausedUntil) this.pausedUntil = at;
	}

	private wakeUp(): void {
		const free = Math.floor(this.limit) - this.inFlight;
		for (let i = 0; i < free && this.waiting.length; i++) this.waiting.shift()?.();
	}
}
