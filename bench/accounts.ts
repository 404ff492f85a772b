// `npm run bench`, Organization Account cases: a 10,000-account search with product access (cursor paging is
// sequential, so its floor is pages × latency) and a 1,000-account Suspend Access under a 100 requests/s limit.
import { runNode } from '../test/helpers/engine';
import { measured, type Case } from './case';
import type { RemoteSandbox } from './sandboxClient';

const ACCOUNTS = 10_000;
const SUSPENDS = 1000;
const PAGE = 100;

function credentialsFor(sandbox: RemoteSandbox) {
	return { atlassianOrganizationApi: { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: sandbox.url } };
}

export async function accountsSearch(sandbox: RemoteSandbox, latencyMs: number): Promise<Case> {
	await sandbox.control('POST', 'configure', { rateLimit: null, latencyMs });
	await sandbox.control('POST', 'reset', { seedUsers: 0 });
	await sandbox.control('POST', 'org/seed', { accounts: ACCOUNTS });
	await sandbox.control('POST', 'stats/reset');
	const run = await measured(async () =>
		await runNode({
			parameters: {
				resource: 'account',
				operation: 'search',
				directory: { __rl: true, mode: 'list', value: '-' },
				returnAll: true,
				filters: {},
				options: { includeProductAccess: true },
			},
			credentials: credentialsFor(sandbox),
		}),
	);
	const stats = await sandbox.control('GET', 'stats');
	const pages = Math.ceil(ACCOUNTS / PAGE);
	// The baseline of the same run: a bare client paging the same search (fetch + JSON.parse, nothing else).
	const bare = await measured(async () => await bareSearch(sandbox));
	const withActivity = run.result.items.filter((i) => 'daysSinceLastActive' in i.json).length;
	return {
		name: 'engine-accounts-search',
		items: run.result.items.length,
		seconds: run.seconds,
		floorSeconds: (pages * latencyMs) / 1000,
		failures: run.result.error ? 1 : ACCOUNTS - withActivity,
		maxInFlight: stats.maxInFlight,
		peakRssMb: run.peakRssMb,
		note: `${stats.requests} requests for ${pages} pages; a bare fetch client: ${bare.seconds.toFixed(2)} s for ${bare.result} pages (node / bare ${(run.seconds / bare.seconds).toFixed(2)})`,
	};
}

/** Pages the 10,000-account search with fetch alone: what any client pays for these pages on this machine. */
async function bareSearch(sandbox: RemoteSandbox): Promise<number> {
	let cursor: string | undefined;
	let pages = 0;
	do {
		const response = await fetch(`${sandbox.url}/admin/v2/orgs/${sandbox.orgId}/directories/-/users/search`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sandbox.orgKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ limit: PAGE, expand: ['productAccess'], ...(cursor ? { cursor } : {}) }),
		});
		const page = JSON.parse(await response.text()) as { links?: { next?: string | null } };
		if (!response.ok) throw new Error(`bare search: ${response.status}`);
		cursor = page.links?.next ?? undefined;
		pages++;
	} while (cursor);
	return pages;
}

export async function accountsSuspend(sandbox: RemoteSandbox, latencyMs: number): Promise<Case> {
	const rate = 100;
	await sandbox.control('POST', 'configure', { rateLimit: null, latencyMs });
	await sandbox.control('POST', 'reset', { seedUsers: 0 });
	const { accountIds } = (await sandbox.control('POST', 'org/seed', { accounts: SUSPENDS })) as { accountIds: string[] };
	await sandbox.control('POST', 'configure', { rateLimit: { requestsPerSecond: rate }, latencyMs });
	await sandbox.control('POST', 'stats/reset');
	const run = await measured(async () =>
		await runNode({
			parameters: {
				resource: 'account',
				operation: 'suspend',
				// One directory: one request per account (with "All directories" each account first costs a directory lookup).
				directory: { __rl: true, mode: 'id', value: sandbox.directoryId },
				accounts: accountIds.join('\n'),
			},
			credentials: credentialsFor(sandbox),
			continueOnFail: true,
		}),
	);
	const stats = await sandbox.control('GET', 'stats');
	await sandbox.control('POST', 'configure', { rateLimit: null, latencyMs });
	const failures = run.result.error ? SUSPENDS : run.result.items.filter((i) => i.json.outcome !== 'suspended').length;
	return {
		name: 'engine-accounts-suspend',
		items: run.result.items.length,
		seconds: run.seconds,
		floorSeconds: SUSPENDS / rate,
		failures,
		maxInFlight: stats.maxInFlight,
		peakRssMb: run.peakRssMb,
		note: `${stats.rateLimited} answered 429`,
	};
}
