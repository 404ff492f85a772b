/**
 * n8n's queue mode: a main instance and two workers (`EXECUTIONS_MODE=queue`), Redis and PostgreSQL, the package
 * installed from its tarball in the user folder they share, and one Atlassian sandbox whose rate limit all of them
 * share. The node keeps no state between executions, so nothing here is configured for it.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { sandboxCredentials } from '../scripts/e2e/fixtures';
import { QueueCluster } from '../scripts/e2e/queue';
import { bulkDeactivateWorkflow, callWebhook, type Summary } from '../scripts/e2e/queueWorkflows';

const RATE = 100;
const PER_EXECUTION = 1000;
const UPDATE_WORKFLOW = 'queueDeactivate01';

let sandbox: Sandbox;
let cluster: QueueCluster;
let userIds: string[];

beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 2 * PER_EXECUTION, latencyMs: 25 });
	userIds = sandbox.store.users(sandbox.directoryId).map((u) => u.id);
	cluster = await QueueCluster.start('test', { workers: 2 });
	// SMTP is not used by these workflows; any port will do for the credential.
	await cluster.n8n.importCredentials(sandboxCredentials(sandbox, 25));
	await cluster.n8n.importWorkflow(bulkDeactivateWorkflow(UPDATE_WORKFLOW, 'q-deactivate', userIds, PER_EXECUTION));
	await cluster.n8n.publishWorkflow(UPDATE_WORKFLOW);
	await cluster.startMain();
	await cluster.startWorkers(2);
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await sandbox?.close();
});

const patches = () => sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/Users/'));

// How close to N / rate this gets is measured by the bench (`queue-2workers-100rps` in bench/queue.ts, target
// <= 1.2 x): a wall-clock bound here failed on a loaded machine with 0 failures. The test keeps what must hold.
test('two executions on two workers share one rate limit (1,000 deactivations each): 0 failures, 429s happened and every one was retried', async () => {
	for (const u of sandbox.store.users(sandbox.directoryId)) u.active = true;
	sandbox.configure({ rateLimit: { requestsPerSecond: RATE } });
	sandbox.requests.length = 0;
	sandbox.resetStats();
	const [a, b] = await Promise.all([callWebhook(cluster.main!.url, 'q-deactivate', 'part=0'), callWebhook(cluster.main!.url, 'q-deactivate', 'part=1')]);
	const stats = sandbox.stats();
	sandbox.configure({ rateLimit: null });

	expect([a.status, b.status]).toEqual([200, 200]);
	const runs = [a.body, b.body] as Summary[];
	// Ran on two different workers (each worker names itself in the summary; main never runs them).
	expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(['worker1', 'worker2']));
	for (const run of runs) {
		expect(run).toMatchObject({ items: PER_EXECUTION, failed: 0, firstError: null });
	}
	// The database agrees: both executions are 'success'.
	const rows = cluster.query(
		`select id, status, extract(epoch from ("stoppedAt" - "startedAt")) from execution_entity where id in (${runs.map((r) => Number(r.executionId)).join(',')})`,
	);
	expect(rows.map((r) => r[1])).toEqual(['success', 'success']);

	// Every user got exactly one successful PATCH: nothing lost, nothing done twice.
	const log = patches();
	const ok = log.filter((r) => r.status === 200);
	expect(ok).toHaveLength(2 * PER_EXECUTION);
	expect(new Set(ok.map((r) => r.path)).size).toBe(2 * PER_EXECUTION);
	// Every request over the limit was answered 429 and then retried until it went through. Two workers sending at
	// up to 100 in flight each against 100 a second do go over it: without 429s the retries below prove nothing.
	const refused = log.filter((r) => r.status === 429);
	expect(refused.length).toBeGreaterThan(0);
	expect(stats.rateLimited).toBeGreaterThanOrEqual(refused.length);
	const lastOk = new Map(ok.map((r) => [r.path, log.lastIndexOf(r)]));
	for (const r of refused) expect(lastOk.get(r.path)!).toBeGreaterThan(log.indexOf(r));
	expect(log.filter((r) => r.status !== 200 && r.status !== 429)).toEqual([]);
	const deactivated = new Set(sandbox.store.users(sandbox.directoryId).filter((u) => u.active === false).map((u) => u.id));
	expect(userIds.filter((id) => !deactivated.has(id))).toEqual([]);

	console.log(
		`queue mode, 2 workers, ${2 * PER_EXECUTION} deactivations under ${RATE} requests/s: executions ${rows.map((r) => `${r[0]}: ${Number(r[2]).toFixed(2)} s`).join(', ')}; ` +
			`workers ${runs.map((r) => r.worker).join(', ')}; requests ${stats.requests}, 429 answered ${stats.rateLimited}, max in flight ${stats.maxInFlight}`,
	);
});

test('a worker killed in the middle of a bulk execution: nothing is reported as done that was not', async () => {
	// 1,000 deactivations at 50 requests/s take about 20 s: long enough to kill the worker a few seconds in.
	sandbox.configure({ rateLimit: { requestsPerSecond: 50 } });
	for (const u of sandbox.store.users(sandbox.directoryId)) u.active = true;
	sandbox.requests.length = 0;
	const before = cluster.workers.map((w) => w.output().length);
	const call = callWebhook(cluster.main!.url, 'q-deactivate', 'part=0', 280_000).catch((error: Error) => ({ status: 0, body: String(error), ms: 0 }));
	const since = Date.now();
	while (patches().filter((r) => r.status === 200).length < 150) {
		if (Date.now() - since > 120_000) throw new Error('the execution made no progress');
		await new Promise((r) => setTimeout(r, 100));
	}
	// The worker running it is the one that logged "Worker started execution" since the call.
	const victim = cluster.workers.find((w, n) => /Worker started execution/.test(w.output().slice(before[n])))!;
	expect(victim).toBeDefined();
	const doneAtKill = patches().filter((r) => r.status === 200).length;
	await victim.stop('SIGKILL');
	const answer = await call;
	// Wait until no PATCH arrives for 5 s: whatever n8n does with the job afterwards has happened.
	let count = -1;
	while (count !== sandbox.requests.length) {
		count = sandbox.requests.length;
		await new Promise((r) => setTimeout(r, 5000));
	}
	sandbox.configure({ rateLimit: null });
	const ok = patches().filter((r) => r.status === 200);
	const updated = userIds.slice(0, PER_EXECUTION).filter((id) => sandbox.store.users(sandbox.directoryId).find((u) => u.id === id)?.active === false).length;
	const rows = cluster.query(`select id, status, mode, "retryOf", "finished" from execution_entity order by id desc limit 1`);
	// The error the admin sees on that execution, from its stored run data.
	const [[stored] = ['']] = cluster.query(`select data from execution_data where "executionId" = ${Number(rows[0]?.[0] ?? 0)}`);
	const seen = stored.match(/"(This execution[^"]*|[^"]*(?:stalled|crashed|worker)[^"]*)"/i)?.[1] ?? stored.slice(0, 300);
	const others = cluster.workers.filter((w) => w !== victim).map((w) => w.output().split('\n').filter((l) => /execution/i.test(l)).slice(-5));
	console.log(
		JSON.stringify({ victim: victim.name, doneAtKill, answer: { status: answer.status, body: answer.body, ms: answer.ms }, errorSeen: seen, okPatches: ok.length, distinctOk: new Set(ok.map((r) => r.path)).size, updated, rows, others }, null, 1),
	);
	// Nothing is reported as done that was not: a success, in the answer or in the database, means every user was deactivated.
	const summary = answer.body as Partial<Summary>;
	if (answer.status === 200 && summary.failed === 0) expect(updated).toBe(PER_EXECUTION);
	for (const row of rows) if (row[1] === 'success') expect(updated).toBe(PER_EXECUTION);
	// What n8n 2.41.1 does (observed): the job is not run again on the other worker; once Bull finds the job stalled,
	// the execution ends as an error and the webhook caller gets HTTP 500. Only what the killed worker had sent was done.
	expect(answer.status).not.toBe(200);
	expect(rows[0][1]).not.toBe('success');
	expect(ok.length).toBe(new Set(ok.map((r) => r.path)).size);
	expect(updated).toBe(ok.length);
	expect(updated).toBeLessThan(PER_EXECUTION);
});
