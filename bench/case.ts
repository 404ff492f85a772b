// What a bench case reports, and how a case is measured: shared by every part of `npm run bench`.
import type { RemoteSandbox } from './sandboxClient';

export interface Case {
	name: string;
	items: number;
	seconds: number;
	floorSeconds: number | null;
	failures: number;
	maxInFlight: number;
	peakRssMb: number;
	/** Requests the sandbox answered (429s not counted), where the case counts them. */
	requests?: number;
	note?: string;
}

/** Samples this process's memory while `task` runs. */
export async function measured<T>(task: () => Promise<T>) {
	global.gc?.();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed + base.external + base.arrayBuffers;
	const timer = setInterval(() => {
		const m = process.memoryUsage();
		peakRss = Math.max(peakRss, m.rss);
		peakHeap = Math.max(peakHeap, m.heapUsed + m.external + m.arrayBuffers);
	}, 5);
	const started = process.hrtime.bigint();
	try {
		const result = await task();
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		return { result, seconds, baseHeapUsed: base.heapUsed, peakRssMb: peakRss / 2 ** 20, heapGrowthMb: (peakHeap - (base.heapUsed + base.external + base.arrayBuffers)) / 2 ** 20 };
	} finally {
		clearInterval(timer);
	}
}

/** The SCIM credential of the sandbox, as the engine harness takes it. */
export function scimCredentials(sandbox: RemoteSandbox) {
	return { atlassianScimApi: { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey } };
}
