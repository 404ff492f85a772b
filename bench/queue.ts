// `npm run bench`, queue-mode part: n8n 2.41.1 as a main instance and two workers (Redis, PostgreSQL), two executions
// started at once by two webhook calls, each deactivating 1,000 users against one sandbox (its own process) limited to
// 100 requests/s. The time is the wall clock until both answers are back; the floor is N / rate for both together.
import { sandboxCredentials } from '../scripts/e2e/fixtures';
import { QueueCluster } from '../scripts/e2e/queue';
import { bulkDeactivateWorkflow, callWebhook, type Summary } from '../scripts/e2e/queueWorkflows';
import type { Case } from './case';
import { spawnSandbox } from './sandboxClient';

const PER_EXECUTION = 1000;
const RATE = 100;
const LATENCY_MS = 25;

export async function queueCases(log: (line: string) => void = console.log): Promise<Case[]> {
	const sandbox = await spawnSandbox(2 * PER_EXECUTION, LATENCY_MS);
	let cluster: QueueCluster | undefined;
	try {
		const users = ((await sandbox.control('GET', 'state')).users as Array<{ id: string }>).map((u) => u.id);
		cluster = await QueueCluster.start('bench', { workers: 2 });
		await cluster.n8n.importCredentials(sandboxCredentials(sandbox, 25));
		await cluster.n8n.importWorkflow(bulkDeactivateWorkflow('benchQueueDeact01', 'bench-deactivate', users, PER_EXECUTION));
		await cluster.n8n.publishWorkflow('benchQueueDeact01');
		const main = await cluster.startMain();
		await cluster.startWorkers(2);
		await sandbox.control('POST', 'configure', { rateLimit: { requestsPerSecond: RATE }, latencyMs: LATENCY_MS });
		await sandbox.control('POST', 'stats/reset');
		const started = Date.now();
		const answers = await Promise.all([0, 1].map(async (part) => await callWebhook(main.url, 'bench-deactivate', `part=${part}`)));
		const seconds = (Date.now() - started) / 1000;
		const stats = await sandbox.control('GET', 'stats');
		const runs = answers.map((a) => (a.status === 200 ? (a.body as Summary) : undefined));
		const failures = runs.reduce((sum, run) => sum + (run ? run.failed + Math.max(0, PER_EXECUTION - run.items) : PER_EXECUTION), 0);
		const workers = runs.map((run) => run?.worker ?? 'none').join(' + ');
		log(`queue-2workers-100rps: ${seconds.toFixed(2)} s, ${failures} failures, on ${workers}`);
		return [
			{
				name: 'queue-2workers-100rps',
				items: 2 * PER_EXECUTION,
				seconds,
				floorSeconds: (2 * PER_EXECUTION) / RATE,
				failures,
				maxInFlight: stats.maxInFlight,
				peakRssMb: Number.NaN,
				note: `2 executions on ${workers}; ${stats.byStatus['200'] ?? 0} PATCHes answered 200, ${stats.rateLimited} got 429`,
			},
		];
	} finally {
		await cluster?.stop();
		await sandbox.stop();
	}
}
