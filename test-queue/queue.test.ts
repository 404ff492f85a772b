/**
 * n8n's queue mode: a main instance and two workers (`EXECUTIONS_MODE=queue`), Redis and PostgreSQL, the package
 * installed from its tarball in the user folder they share, and one Atlassian sandbox whose rate limit all of them
 * share. The node keeps no state between executions, so nothing here is configured for it.
 */
import { startSandbox, type Sandbox } from '../sandbox';
import { sandboxCredentials } from '../scripts/e2e/fixtures';
import { QueueCluster } from '../scripts/e2e/queue';
import { bulkUpdateWorkflow, callWebhook, type Summary } from './workflows';

const RATE = 100;
const PER_EXECUTION = 1000;
const UPDATE_WORKFLOW = 'queueBulkUpdate01';

let sandbox: Sandbox;
let cluster: QueueCluster;
let userIds: string[];

beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 2 * PER_EXECUTION, latencyMs: 25 });
	userIds = sandbox.store.users(sandbox.directoryId).map((u) => u.id);
	cluster = await QueueCluster.start('test', { workers: 2 });
	// SMTP is not used by these workflows; any port will do for the credential.
	await cluster.n8n.importCredentials(sandboxCredentials(sandbox, 25));
	await cluster.n8n.importWorkflow(bulkUpdateWorkflow(UPDATE_WORKFLOW, 'q-update', userIds, PER_EXECUTION));
	await cluster.n8n.publishWorkflow(UPDATE_WORKFLOW);
	await cluster.startMain();
	await cluster.startWorkers(2);
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await sandbox?.close();
});

const patches = () => sandbox.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/Users/'));

test('two executions on two workers share one rate limit: 0 failures, every 429 retried, close to what the limit allows', async () => {
	sandbox.configure({ rateLimit: { requestsPerSecond: RATE } });
	sandbox.requests.length = 0;
	sandbox.resetStats();
	const started = Date.now();
	const [a, b] = await Promise.all([callWebhook(cluster.main!.url, 'q-update', 'part=0'), callWebhook(cluster.main!.url, 'q-update', 'part=1')]);
	const seconds = (Date.now() - started) / 1000;
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
	// Every request over the limit was answered 429 and then retried until it went through.
	const refused = log.filter((r) => r.status === 429);
	const lastOk = new Map(ok.map((r) => [r.path, log.lastIndexOf(r)]));
	for (const r of refused) expect(lastOk.get(r.path)!).toBeGreaterThan(log.indexOf(r));
	expect(log.filter((r) => r.status !== 200 && r.status !== 429)).toEqual([]);
	for (const [n, id] of userIds.entries()) {
		expect(sandbox.store.users(sandbox.directoryId).find((u) => u.id === id)?.title).toBe(`Queue ${Math.floor(n / PER_EXECUTION)}-${n % PER_EXECUTION}`);
	}

	const floor = (2 * PER_EXECUTION) / RATE;
	console.log(
		`queue mode, 2 workers, ${2 * PER_EXECUTION} updates under ${RATE} requests/s: both done in ${seconds.toFixed(2)} s ` +
			`(${(seconds / floor).toFixed(2)} x N / rate = ${floor} s); executions ${rows.map((r) => `${r[0]}: ${Number(r[2]).toFixed(2)} s`).join(', ')}; ` +
			`workers ${runs.map((r) => r.worker).join(', ')}; requests ${stats.requests}, 429 answered ${stats.rateLimited}, max in flight ${stats.maxInFlight}`,
	);
	expect(seconds).toBeLessThanOrEqual(1.2 * floor);
});
