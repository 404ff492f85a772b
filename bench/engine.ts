// `npm run bench`, engine part: the node through n8n-core's WorkflowExecute (no jest), against the sandbox in its
// own process with 25 ms latency. Prints a table and writes bench/results.json. Ratios from the same run are the result.
import fs from 'node:fs';
import path from 'node:path';

import { runNode } from '../test/helpers/engine';
import { accountsSearch, accountsSuspend } from './accounts';
import { measured, scimCredentials, type Case } from './case';
import { Poller } from '../test/helpers/poll';
import { spawnSandbox, type RemoteSandbox } from './sandboxClient';
import { syncCase, updateBulkReadCase } from './sync';

const LATENCY_MS = 25;
const UPDATES = 1000;
const ALL_USERS = 10_000;

async function updates(sandbox: RemoteSandbox, name: string, requestOptions: Record<string, unknown>, rate: number | null): Promise<Case> {
	await sandbox.control('POST', 'reset', { seedUsers: UPDATES });
	await sandbox.control('POST', 'configure', { rateLimit: rate ? { requestsPerSecond: rate } : null, latencyMs: LATENCY_MS });
	const state = await sandbox.control('GET', 'state');
	const users = (state.users as Array<{ id: string }>).slice(0, UPDATES);
	await sandbox.control('POST', 'stats/reset');
	const input = users.map((u, n) => ({ id: u.id, title: `Title ${name} ${n}` }));
	const run = await measured(async () =>
		await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { title: '={{ $json.title }}' },
				requestOptions,
			},
			input,
			credentials: scimCredentials(sandbox),
			continueOnFail: true,
		}),
	);
	const stats = await sandbox.control('GET', 'stats');
	const failures = run.result.error ? UPDATES : run.result.items.filter((i) => i.json.error).length;
	// Update reads each user first and sends only what differs (Atlassian unlinks an external account on any update,
	// even an unchanged one), so an update is a GET and a PATCH: the floor under a limit is requests / rate.
	const answered = stats.requests - stats.rateLimited;
	return {
		name,
		items: UPDATES,
		seconds: run.seconds,
		floorSeconds: rate ? answered / rate : null,
		failures,
		maxInFlight: stats.maxInFlight,
		peakRssMb: run.peakRssMb,
		requests: answered,
		note: `${answered} requests answered (${(answered / UPDATES).toFixed(2)} an update), ${stats.rateLimited} answered 429${rate ? `; N / rate = ${(UPDATES / rate).toFixed(1)} s, ${(run.seconds / (UPDATES / rate)).toFixed(2)} x` : ''}`,
	};
}

async function getAll(sandbox: RemoteSandbox): Promise<Case & { usersJsonMb: number; heapGrowthMb: number }> {
	await sandbox.control('POST', 'configure', { rateLimit: null, latencyMs: LATENCY_MS });
	await sandbox.control('POST', 'reset', { seedUsers: ALL_USERS });
	await sandbox.control('POST', 'stats/reset');
	const run = await measured(async () =>
		await runNode({ parameters: { resource: 'user', operation: 'getAll', returnAll: true }, credentials: scimCredentials(sandbox) }),
	);
	const stats = await sandbox.control('GET', 'stats');
	const usersJsonMb = Buffer.byteLength(JSON.stringify(run.result.items.map((i) => i.json))) / 2 ** 20;
	// What stays live once garbage is collected: the output itself plus the engine's run data.
	global.gc?.();
	const retainedMb = (process.memoryUsage().heapUsed - run.baseHeapUsed) / 2 ** 20;
	const pages = Math.ceil(ALL_USERS / 100);
	return {
		name: 'engine-d',
		items: run.result.items.length,
		seconds: run.seconds,
		floorSeconds: (pages * LATENCY_MS) / 1000,
		failures: run.result.error ? 1 : ALL_USERS - run.result.items.length,
		maxInFlight: stats.maxInFlight,
		peakRssMb: run.peakRssMb,
		usersJsonMb,
		heapGrowthMb: run.heapGrowthMb,
		note: `users JSON ${usersJsonMb.toFixed(1)} MB; peak heap growth ${run.heapGrowthMb.toFixed(1)} MB (${(run.heapGrowthMb / usersJsonMb).toFixed(2)} x, garbage included); live after GC ${retainedMb.toFixed(1)} MB (${(retainedMb / usersJsonMb).toFixed(2)} x)`,
	};
}

/** The trigger's directory source: a poll of 10,000 unchanged users after the baseline, against its page floor. */
async function triggerPoll(sandbox: RemoteSandbox): Promise<Case & { requests: number; stateBytes: number }> {
	await sandbox.control('POST', 'configure', { rateLimit: null, latencyMs: LATENCY_MS });
	await sandbox.control('POST', 'reset', { seedUsers: ALL_USERS });
	const trigger = new Poller({ pollTimes: { item: [{ mode: 'everyMinute' }] } }, scimCredentials(sandbox));
	const baseline = await trigger.poll();
	if (baseline.error) throw baseline.error;
	await sandbox.control('POST', 'stats/reset');
	const run = await measured(async () => await trigger.poll());
	const stats = await sandbox.control('GET', 'stats');
	const pages = Math.ceil(ALL_USERS / 100) + 1; // the users' pages and one page of (no) groups
	const stateBytes = Buffer.byteLength(JSON.stringify(trigger.staticData()));
	return {
		name: 'engine-trigger-poll',
		items: ALL_USERS,
		seconds: run.seconds,
		floorSeconds: (pages * LATENCY_MS) / 1000,
		failures: (run.result.error ? 1 : 0) + (run.result.items?.length ?? 0),
		maxInFlight: stats.maxInFlight,
		peakRssMb: run.peakRssMb,
		requests: stats.requests,
		stateBytes,
		note: `${stats.requests} requests (page floor ${pages}); saved state ${(stateBytes / 1024).toFixed(0)} KB (${(stateBytes / ALL_USERS).toFixed(0)} bytes a user)`,
	};
}

export async function engineCases(): Promise<Case[]> {
	const sandbox = await spawnSandbox(0, LATENCY_MS);
	try {
		// Warm up the engine and the sandbox once, so the first case does not pay module loading.
		await updates(sandbox, 'warm-up', {}, null);
		const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
		const want = (name: string) => only.length === 0 || only.includes(name);
		const cases: Case[] = [];
		if (want('engine-a')) cases.push(await updates(sandbox, 'engine-a', {}, null));
		if (want('engine-b')) cases.push(await updates(sandbox, 'engine-b', { maxConcurrency: 1 }, null));
		if (want('engine-c')) cases.push(await updates(sandbox, 'engine-c', {}, 100));
		if (want('engine-d')) cases.push(await getAll(sandbox));
		if (want('engine-accounts-search')) cases.push(await accountsSearch(sandbox, LATENCY_MS));
		if (want('engine-accounts-suspend')) cases.push(await accountsSuspend(sandbox, LATENCY_MS));
		if (want('engine-trigger-poll')) cases.push(await triggerPoll(sandbox));
		if (want('engine-sync-100rps')) cases.push(await syncCase(sandbox, LATENCY_MS));
		if (want('engine-update-bulkread-100rps')) cases.push(await updateBulkReadCase(sandbox, LATENCY_MS));
		return cases;
	} finally {
		await sandbox.stop();
	}
}

export function printTable(cases: Case[]) {
	const rows = cases.map((c) => ({
		case: c.name,
		items: c.items,
		seconds: c.seconds.toFixed(2),
		floor: c.floorSeconds === null ? '' : c.floorSeconds.toFixed(2),
		'x floor': c.floorSeconds ? (c.seconds / c.floorSeconds).toFixed(2) : '',
		failures: c.failures,
		maxInFlight: c.maxInFlight,
		peakRssMb: c.peakRssMb.toFixed(0),
		note: c.note ?? '',
	}));
	console.table(rows);
}

export function writeResults(cases: Case[]) {
	const file = path.join(__dirname, '..', '..', 'bench', 'results.json');
	fs.writeFileSync(file, `${JSON.stringify({ cases }, null, 2)}\n`);
	console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

if (require.main === module) {
	void (async () => {
		// --expr-only: only the real-n8n exprN cases (node against HTTP Request, by number of expression-valued fields).
		// --sync-only: only n8n-sync-automap4 and its control, n8n-http-header-expr4 (median of 5, interleaved).
		const exprOnly = process.argv.includes('--expr-only');
		const syncOnly = process.argv.includes('--sync-only');
		const cases = exprOnly || syncOnly ? [] : await engineCases();
		if (!process.argv.includes('--engine-only') && process.argv.slice(2).every((a) => a.startsWith('--'))) {
			const { n8nCases } = await import('./n8n');
			cases.push(...(await n8nCases(console.log, exprOnly, syncOnly)));
		}
		if (!process.argv.includes('--engine-only') && !syncOnly && (process.argv.slice(2).every((a) => a.startsWith('--')) || process.argv.includes('queue-2workers-100rps'))) {
			const { queueCases } = await import('./queue');
			cases.push(...(await queueCases()));
		}
		printTable(cases);
		const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
		const a = byName['engine-a'];
		const b = byName['engine-b'];
		const c = byName['engine-c'];
		const d = byName['engine-d'];
		if (a && b) console.log(`engine-b / engine-a = ${(b.seconds / a.seconds).toFixed(1)} (target >= 10)`);
		if (c) console.log(`engine-c = ${(c.seconds / c.floorSeconds!).toFixed(2)} x requests/rate with ${c.failures} failures (target <= 1.1, 0 failures); ${c.note}`);
		if (d) console.log(`engine-d = ${(d.seconds / d.floorSeconds!).toFixed(2)} x floor (target <= 1.15); ${d.note}`);
		const search = byName['engine-accounts-search'];
		const suspend = byName['engine-accounts-suspend'];
		if (search) console.log(`engine-accounts-search = ${(search.seconds / search.floorSeconds!).toFixed(2)} x page floor with ${search.failures} failures (target <= 1.15)`);
		if (suspend) console.log(`engine-accounts-suspend = ${(suspend.seconds / suspend.floorSeconds!).toFixed(2)} x N/rate with ${suspend.failures} failures (target <= 1.1, 0 failures)`);
		const poll = byName['engine-trigger-poll'];
		if (poll) console.log(`engine-trigger-poll = ${(poll.seconds / poll.floorSeconds!).toFixed(2)} x floor (target <= 1.15), nothing emitted: ${poll.failures === 0}; ${poll.note}`);
		const sync = byName['engine-sync-100rps'];
		if (sync) console.log(`engine-sync-100rps = ${sync.requests} requests (target <= 650), ${(sync.seconds / sync.floorSeconds!).toFixed(2)} x requests/rate with ${sync.failures} failures (target <= 1.1, 0 failures); ${sync.note}`);
		const bulk = byName['engine-update-bulkread-100rps'];
		if (bulk) console.log(`engine-update-bulkread-100rps = ${(bulk.seconds / bulk.floorSeconds!).toFixed(2)} x (N + pages) / rate with ${bulk.failures} failures (target <= 1.1); ${bulk.note}`);
		const node = byName['n8n-node-nolimit'];
		const http = byName['n8n-http-header-nolimit'];
		const limited = byName['n8n-node-100rps'];
		if (node && http) console.log(`n8n, no limit: node / HTTP Request (pasted token) = ${(node.seconds / http.seconds).toFixed(2)} (target <= 0.8)`);
		if (limited) console.log(`n8n, 100 requests/s: node = ${(limited.seconds / limited.floorSeconds!).toFixed(2)} x N/rate with ${limited.failures} failures (target <= 1.1, 0 failures)`);
		const queue = byName['queue-2workers-100rps'];
		if (queue) console.log(`queue mode, 2 workers, 100 requests/s: ${(queue.seconds / queue.floorSeconds!).toFixed(2)} x N/rate with ${queue.failures} failures (target <= 1.2, 0 failures)`);
		for (const n of [1, 2, 4]) {
			const [nodeN, httpN] = [byName[`n8n-node-expr${n}`], byName[`n8n-http-header-expr${n}`]];
			if (nodeN && httpN) console.log(`n8n, ${n} expression-valued field(s): node / HTTP Request (pasted token) = ${(nodeN.seconds / httpN.seconds).toFixed(2)} (target <= 1.1)`);
		}
		for (const [from, to] of [[1, 2], [2, 4]]) {
			const per = (who: string) => (byName[`n8n-${who}-expr${to}`].seconds - byName[`n8n-${who}-expr${from}`].seconds) / (to - from);
			if (byName[`n8n-node-expr${to}`] && byName[`n8n-node-expr${from}`] && byName[`n8n-http-header-expr${to}`] && byName[`n8n-http-header-expr${from}`]) {
				const split = byName[`n8n-http-split-expr${to}`] && byName[`n8n-http-split-expr${from}`] ? `; HTTP Request with each field in its own expression-valued parameter ${per('http-split').toFixed(2)} s` : '';
				console.log(`n8n, one more expression-valued field (expr${from} to expr${to}), per 1,000 items: node ${per('node').toFixed(2)} s, HTTP Request (one JSON body expression) ${per('http-header').toFixed(2)} s (target: within 0.2 s)${split}`);
			}
		}
		const automap = byName['n8n-sync-automap4'];
		const http4 = byName['n8n-http-header-expr4'];
		if (automap && http4) console.log(`n8n, Create or Update with Map Automatically, 4 fields: node / HTTP Request (one JSON body expression) = ${(automap.seconds / http4.seconds).toFixed(2)} (target <= 1.1); ${automap.note}`);
		if (exprOnly || syncOnly) return;
		writeResults(cases);
	})();
}
