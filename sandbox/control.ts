import type { Answer } from './answer';
import { validateFault } from './faults';
import type { SandboxStore } from './store';
import type { ConfigurePatch, FaultSpec, Sandbox } from './types';
import { seedOrgAccounts } from './org/seed';

const json = (status: number, body?: unknown): Answer => ({ status, body, contentType: 'application/json' });

/** Checks a configure patch (programmatic or over HTTP) so a typo fails loudly instead of being ignored. */
export function validateConfigure(patch: ConfigurePatch): void {
	if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new Error('configure expects an object');
	const known = ['latencyMs', 'rateLimit', 'groupMemberNotFound', 'memberRemoveForms', 'memberNotFoundNamesMembers'];
	for (const key of Object.keys(patch)) if (!known.includes(key)) throw new Error(`configure: unknown option ${key} (known: ${known.join(', ')})`);
	if (patch.latencyMs !== undefined && !(typeof patch.latencyMs === 'number' && patch.latencyMs >= 0)) throw new Error('latencyMs must be a number >= 0');
	if (patch.rateLimit !== undefined && patch.rateLimit !== null) {
		const { requestsPerSecond, headers } = patch.rateLimit;
		if (!(typeof requestsPerSecond === 'number' && requestsPerSecond > 0)) throw new Error('rateLimit.requestsPerSecond must be a number > 0');
		if (headers !== undefined && !['both', 'reset-only', 'retry-after-only', 'none'].includes(headers)) throw new Error(`rateLimit.headers: unknown mode ${headers}`);
	}
	if (patch.groupMemberNotFound !== undefined && ![400, 404].includes(patch.groupMemberNotFound)) throw new Error('groupMemberNotFound must be 400 or 404');
	if (patch.memberNotFoundNamesMembers !== undefined && typeof patch.memberNotFoundNamesMembers !== 'boolean') throw new Error('memberNotFoundNamesMembers must be true or false');
	if (patch.memberRemoveForms !== undefined && !['both', 'filter-path', 'value-array'].includes(patch.memberRemoveForms)) {
		throw new Error('memberRemoveForms must be both, filter-path or value-array');
	}
}

function dumpDirectory(store: SandboxStore, id: string) {
	const dir = store.directory(id)!;
	return { users: dir.list(), groups: [...dir.groups.values()].map((g) => ({ ...g, members: [...g.members] })) };
}

/**
 * `/__sandbox/…`, the control API for other processes (e2e, benchmarks, the demo). No auth; never delayed, faulted,
 * rate-limited, logged or counted.
 *   GET state · GET stats · POST stats/reset · POST reset {seedUsers} · POST configure {…} · POST faults [FaultSpec]
 *   · DELETE faults · POST org/seed {accounts}
 */
export function handleControl(sandbox: Sandbox, method: string, route: string, body: () => unknown): Answer {
	const { store } = sandbox;
	if (method === 'GET' && route === 'state') {
		const ids = [...store.directories.keys()];
		const first = dumpDirectory(store, sandbox.directoryId);
		return json(200, {
			orgId: sandbox.orgId,
			directoryId: sandbox.directoryId,
			users: first.users,
			groups: first.groups,
			accounts: [...store.accounts.values()],
			directories: Object.fromEntries(ids.map((id) => [id, id === sandbox.directoryId ? first : dumpDirectory(store, id)])),
		});
	}
	if (method === 'GET' && route === 'stats') return json(200, sandbox.stats());
	if (method === 'POST' && route === 'stats/reset') return (sandbox.resetStats(), json(204));
	if (method === 'POST' && route === 'reset') {
		const input = (body() ?? {}) as { seedUsers?: unknown };
		const seedUsers = input.seedUsers === undefined ? 0 : Number(input.seedUsers);
		if (!Number.isInteger(seedUsers) || seedUsers < 0) throw new Error('seedUsers must be an integer >= 0');
		sandbox.reset({ seedUsers });
		return json(204);
	}
	if (method === 'POST' && route === 'org/seed') {
		// Organization-level accounts acct00001@example.com … with product access (benchmarks); returns their IDs.
		const count = Number(((body() ?? {}) as { accounts?: unknown }).accounts ?? 0);
		if (!Number.isInteger(count) || count < 0) throw new Error('accounts must be an integer >= 0');
		return json(200, { accountIds: seedOrgAccounts(sandbox, count) });
	}
	if (method === 'POST' && route === 'configure') return (sandbox.configure((body() ?? {}) as ConfigurePatch), json(204));
	if (method === 'POST' && route === 'faults') {
		const input = body();
		const list = (Array.isArray(input) ? input : [input]) as FaultSpec[];
		list.forEach(validateFault);
		sandbox.injectFaults(list);
		return json(204);
	}
	if (method === 'DELETE' && route === 'faults') return (sandbox.clearFaults(), json(204));
	return json(404, { error: `no control route ${method} /__sandbox/${route}` });
}
