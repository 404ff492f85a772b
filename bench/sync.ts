// `npm run bench`, directory sync cases: Create or Update of 1,000 items against 10,000 users (500 changed, 50 new,
// 450 unchanged) and Update of 1,000 users reading the directory in pages, both under a 100 requests/s limit. Their
// floor is the requests they need at the rate: pages + changes + creations, and pages + N.
import { mapperFields } from '../nodes/AtlassianUserProvisioning/models/userMapping';
import { runNode } from '../test/helpers/engine';
import { measured, scimCredentials, type Case } from './case';
import type { RemoteSandbox } from './sandboxClient';

const DIRECTORY = 10_000;
const PAGES = DIRECTORY / 100;
const RATE = 100;

async function prepare(sandbox: RemoteSandbox, latencyMs: number) {
	await sandbox.control('POST', 'configure', { rateLimit: null, latencyMs });
	await sandbox.control('POST', 'reset', { seedUsers: DIRECTORY });
	const users = (await sandbox.control('GET', 'state')).users as Array<{ id: string; userName: string; title?: string }>;
	await sandbox.control('POST', 'configure', { rateLimit: { requestsPerSecond: RATE }, latencyMs });
	await sandbox.control('POST', 'stats/reset');
	return users;
}

export async function syncCase(sandbox: RemoteSandbox, latencyMs: number): Promise<Case> {
	const users = await prepare(sandbox, latencyMs);
	const CHANGED = 500;
	const NEW = 50;
	const UNCHANGED = 450;
	// Spread over the directory, as an HR export is: every 10th user, half of them with a new title.
	const picked = Array.from({ length: CHANGED + UNCHANGED }, (_, n) => users[n * 10]);
	const input = [
		...picked.map((u, n) => ({ userName: u.userName, title: n < CHANGED ? `Synced title ${n}` : u.title })),
		...Array.from({ length: NEW }, (_, n) => ({ userName: `new.hire${n}@example.com`, email: `new.hire${n}@example.com`, firstName: 'New', lastName: `Hire ${n}` })),
	];
	const run = await measured(async () =>
		await runNode({
			parameters: { resource: 'user', operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['userName'], schema: mapperFields() } },
			input,
			credentials: scimCredentials(sandbox),
			continueOnFail: true,
		}),
	);
	const stats = await sandbox.control('GET', 'stats');
	const answered = stats.requests - stats.rateLimited;
	const outcomes: Record<string, number> = {};
	for (const item of run.result.items) outcomes[String(item.json.outcome)] = (outcomes[String(item.json.outcome)] ?? 0) + 1;
	const failures = run.result.error ? input.length : (outcomes.failed ?? 0) + input.length - run.result.items.length;
	const budget = PAGES + CHANGED + NEW;
	return {
		name: 'engine-sync-100rps',
		items: input.length,
		seconds: run.seconds,
		floorSeconds: answered / RATE,
		failures,
		maxInFlight: stats.maxInFlight,
		peakRssMb: run.peakRssMb,
		requests: answered,
		note: `${answered} requests answered (budget pages + changes + creations = ${budget}), ${stats.rateLimited} answered 429; outcomes ${JSON.stringify(outcomes)}`,
	};
}

export async function updateBulkReadCase(sandbox: RemoteSandbox, latencyMs: number): Promise<Case> {
	const users = await prepare(sandbox, latencyMs);
	const N = 1000;
	const input = Array.from({ length: N }, (_, n) => ({ id: users[n * 10].id, title: `Bulk read ${n}` }));
	const run = await measured(async () =>
		await runNode({
			parameters: {
				resource: 'user',
				operation: 'update',
				userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { title: '={{ $json.title }}' },
			},
			input,
			credentials: scimCredentials(sandbox),
			continueOnFail: true,
		}),
	);
	const stats = await sandbox.control('GET', 'stats');
	const answered = stats.requests - stats.rateLimited;
	const failures = run.result.error ? N : run.result.items.filter((i) => i.json.error).length;
	return {
		name: 'engine-update-bulkread-100rps',
		items: N,
		seconds: run.seconds,
		floorSeconds: (N + PAGES) / RATE,
		failures,
		maxInFlight: stats.maxInFlight,
		peakRssMb: run.peakRssMb,
		requests: answered,
		note: `${answered} requests answered (N + pages = ${N + PAGES}; one GET per user would be ${2 * N}), ${stats.rateLimited} answered 429`,
	};
}
