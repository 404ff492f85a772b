// `npm run bench`, real-n8n part: 1,000 SCIM updates in n8n 2.41.1 with the package installed from its tarball and
// credentials stored in n8n, by this node (defaults) and by n8n's HTTP Request node v4.2 in three settings, each with
// no rate limit and under 100 requests/s; and both with one, two and four expression-valued fields per item (the
// exprN cases). Times are the target node's own execution time in n8n's run data.
import { N8n } from '../scripts/e2e/n8n';
import type { Case } from './case';
import { spawnSandbox, type RemoteSandbox } from './sandboxClient';

export const N = 1000;
const LATENCY_MS = 25;
const RATE = 100;
const ROUNDS = 3;
const EXPR_ROUNDS = 5;
/** exprN: the user ID (a URL for the HTTP Request node) plus N - 1 of these fields, each from an expression. */
const EXPR_FIELDS = ['title', 'nickName', 'displayName'];

export type Variant = 'node' | 'http-header' | 'http-credential' | 'http-batching' | 'node-sync-automap4' | `${'node' | 'http-header' | 'http-split'}-expr${1 | 2 | 4}`;

/** The four attributes the sync case changes on every user, against http-header-expr4's four fields. */
const SYNC_FIELDS = ['title', 'displayName', 'department', 'organization'];

/** Update Fields of an exprN case: a fixed Active (so that expr1 has a field to send) and N - 1 expressions. */
function exprFields(variant: Variant): Record<string, unknown> | undefined {
	const n = Number(/-expr(\d)$/.exec(variant)?.[1] ?? Number.NaN);
	if (!n) return undefined;
	return { active: true, ...Object.fromEntries(EXPR_FIELDS.slice(0, n - 1).map((f) => [f, `={{ $json.${f} }}`])) };
}

function targetNode(variant: Variant, sandbox: RemoteSandbox): Record<string, unknown> {
	const common = { id: 'b0000000-0000-4000-8000-000000000003', name: 'Target', position: [440, 0], onError: 'continueRegularOutput' };
	const fields = exprFields(variant);
	if (variant === 'node-sync-automap4') {
		// Create or Update, Map Automatically: the input items' fields as they are, no expression evaluated per field.
		return {
			...common,
			type: 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning',
			typeVersion: 1,
			parameters: { resource: 'user', operation: 'upsert', columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: ['userName'], schema: [] } },
			credentials: { atlassianScimApi: { id: 'benchScim0000001', name: 'Sandbox SCIM' } },
		};
	}
	if (variant.startsWith('node')) {
		return {
			...common,
			type: 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning',
			typeVersion: 1,
			parameters: { resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, updateFields: fields ?? { title: '={{ $json.title }}' } },
			credentials: { atlassianScimApi: { id: 'benchScim0000001', name: 'Sandbox SCIM' } },
		};
	}
	let body = '={{ JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "title", value: $json.title }] }) }}';
	if (fields && variant.startsWith('http-split')) {
		// The control for "one expression per field": the HTTP Request node with each field's expression in a parameter
		// of its own (a header each, beside a fixed body), the way this node's Update Fields are. Against http-header
		// (the same values in one JSON body expression), only the number of expression-valued parameters differs.
		const headers = Object.entries(fields).filter(([, value]) => value !== true).map(([path]) => ({ name: `X-Bench-${path}`, value: `={{ $json.${path} }}` }));
		return {
			...common,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'PATCH',
				url: `={{ "${sandbox.scimBaseUrl}/Users/" + $json.id }}`,
				sendBody: true,
				contentType: 'raw',
				rawContentType: 'application/scim+json',
				body: '{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "replace", "path": "active", "value": true }] }',
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${sandbox.directoryKey}` }, ...headers] },
				options: {},
			},
		};
	}
	if (fields) {
		// The same PATCH as the node's, as a user writes it: a JSON body with {{ }} where the item's values go (one
		// expression for the whole body; a plain string in expr1).
		const operations = Object.entries(fields).map(([path, value]) => `{ "op": "replace", "path": "${path}", "value": ${value === true ? 'true' : `"{{ $json.${path} }}"`} }`);
		body = `${fields.title ? '=' : ''}{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [${operations.join(', ')}] }`;
	}
	const parameters: Record<string, unknown> = {
		method: 'PATCH',
		url: `={{ "${sandbox.scimBaseUrl}/Users/" + $json.id }}`,
		sendBody: true,
		contentType: 'raw',
		rawContentType: 'application/scim+json',
		body,
		options: {},
	};
	if (variant === 'http-credential') {
		Object.assign(parameters, { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' });
		return { ...common, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters, credentials: { httpHeaderAuth: { id: 'benchHeader00001', name: 'Sandbox header' } } };
	}
	Object.assign(parameters, { sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${sandbox.directoryKey}` }] } });
	if (variant === 'http-batching') {
		// Hand-tuned: one rate window's worth per batch, a window apart (the best the HTTP Request node offers).
		parameters.options = { batching: { batch: { batchSize: RATE, batchInterval: 1000 } } };
	}
	return { ...common, type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, parameters };
}

export function workflow(id: string, variant: Variant, sandbox: RemoteSandbox, users: Array<{ id: string; userName?: string }>): Record<string, unknown> {
	const input =
		variant === 'node-sync-automap4'
			? users.map((u, n) => ({ userName: u.userName, ...Object.fromEntries(SYNC_FIELDS.map((f) => [f, `Synced ${f} ${n}`])) }))
			: users.map((u, n) => ({ id: u.id, title: `Bench ${variant} ${n}`, nickName: `Nick ${n}`, displayName: `Bench User ${n}` }));
	return {
		id,
		name: `bench ${variant}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'b0000000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(input)}.map((json) => ({ json }));` },
			},
			targetNode(variant, sandbox),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
		},
	};
}

async function runCase(n8n: N8n, sandbox: RemoteSandbox, workflowId: string, name: string, limited: boolean): Promise<Case> {
	await sandbox.control('POST', 'configure', { rateLimit: limited ? { requestsPerSecond: RATE } : null, latencyMs: LATENCY_MS });
	// The sync case changes four fields of every user: from the seed's values again in every round (same IDs).
	if (name.includes('sync')) await sandbox.control('POST', 'reset', { seedUsers: N });
	await sandbox.control('POST', 'stats/reset');
	const result = await n8n.execute(workflowId);
	const task = result.run?.data?.resultData?.runData?.Target?.[0];
	const items = (task?.data?.main?.[0] ?? []) as Array<{ json: Record<string, unknown>; error?: unknown }>;
	const stats = await sandbox.control('GET', 'stats');
	const failures = task ? items.filter((i) => i.error || i.json.error).length + Math.max(0, N - items.length) : N;
	const seconds = task ? Number(task.executionTime) / 1000 : Number.NaN;
	return {
		name,
		items: N,
		seconds,
		floorSeconds: limited ? N / RATE : null,
		failures,
		maxInFlight: stats.maxInFlight,
		peakRssMb: Number.NaN,
		requests: stats.requests,
		note: task ? `${stats.byStatus['200'] ?? 0} requests answered 200, ${stats.rateLimited} got 429` : `run failed: ${result.stdout.slice(-300)}`,
	};
}

/** `syncOnly`: only n8n-node-sync-automap4 and its control, n8n-http-header-expr4. */
export async function n8nCases(log: (line: string) => void = console.log, exprOnly = false, syncOnly = false): Promise<Case[]> {
	const sandbox = await spawnSandbox(N, LATENCY_MS);
	// --expression-engine=legacy|vm: n8n's expression engine for this run (n8n 2.41.1's default is vm), to tell the
	// engine's share of the per-field cost from the node's.
	const engine = process.argv.find((a) => a.startsWith('--expression-engine='))?.split('=')[1];
	const n8n = await N8n.create('bench', engine ? { N8N_EXPRESSION_ENGINE: engine } : {});
	try {
		await n8n.importCredentials([
			{ id: 'benchScim0000001', name: 'Sandbox SCIM', type: 'atlassianScimApi', data: { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey } },
			{ id: 'benchHeader00001', name: 'Sandbox header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${sandbox.directoryKey}` } },
		]);
		const users = ((await sandbox.control('GET', 'state')).users as Array<{ id: string; userName: string }>).slice(0, N);
		const exprVariants: Variant[] = syncOnly
			? ['node-sync-automap4', 'http-header-expr4']
			: ['node-expr1', 'http-header-expr1', 'http-split-expr1', 'node-expr2', 'http-header-expr2', 'http-split-expr2', 'node-expr4', 'http-header-expr4', 'http-split-expr4', 'node-sync-automap4'];
		const variants: Variant[] = [...(exprOnly || syncOnly ? [] : (['node', 'http-header', 'http-credential', 'http-batching'] as Variant[])), ...exprVariants];
		const fixedIds: Partial<Record<Variant, string>> = { node: 'benchNode0000001', 'http-header': 'benchHttpHeader1', 'http-credential': 'benchHttpCred001', 'http-batching': 'benchHttpBatch01' };
		const idOf = (variant: Variant) => fixedIds[variant] ?? `bench${variant.replace(/-/g, '')}`;
		for (const variant of variants) await n8n.importWorkflow(workflow(idOf(variant), variant, sandbox, users));
		// The machine's noise between two runs of the same workflow is often 20 % or more, so each case runs ROUNDS
		// times (the exprN cases, whose differences are small, EXPR_ROUNDS times), interleaved (every case once per
		// round), and reports its median run. The exprN cases run without a rate limit only.
		const runs = new Map<string, Case[]>();
		for (let round = 1; round <= EXPR_ROUNDS; round++) {
			for (const variant of variants) {
				const expr = exprVariants.includes(variant);
				if (!expr && round > ROUNDS) continue;
				for (const limited of expr ? [false] : [false, true]) {
					const name = variant === 'node-sync-automap4' ? 'n8n-sync-automap4' : expr ? `n8n-${variant}` : `n8n-${variant}-${limited ? '100rps' : 'nolimit'}`;
					const run = await runCase(n8n, sandbox, idOf(variant), name, limited);
					log(`round ${round}: ${name}: ${run.seconds.toFixed(2)} s, ${run.failures} failures, max ${run.maxInFlight} in flight${Number.isNaN(run.seconds) ? `; ${run.note}` : ''}`);
					runs.set(name, [...(runs.get(name) ?? []), run]);
				}
			}
		}
		const cases: Case[] = [];
		for (const [, all] of runs) {
			const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
			const median = sorted[Math.floor(sorted.length / 2)];
			// Failures are the worst run's: "0 failures" must hold in every run, not in the median one.
			const failures = Math.max(...all.map((r) => r.failures));
			cases.push({ ...median, failures, note: `median of ${all.length} runs (${all.map((r) => r.seconds.toFixed(2)).join(', ')} s; failures ${all.map((r) => r.failures).join(', ')}); ${median.note ?? ''}` });
		}
		return cases;
	} finally {
		await sandbox.stop();
		n8n.cleanup();
	}
}
