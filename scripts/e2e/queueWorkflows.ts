// Workflows for the queue-mode tests and benchmark: a Webhook starts a production execution, which n8n's main
// instance hands to a worker through Redis; the last node's JSON comes back as the HTTP answer.
import { CREDENTIAL_IDS } from './fixtures';

export const NODE_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning';

const position = (n: number): [number, number] => [n * 220, 0];

/**
 * Webhook `GET /webhook/<path>?part=P` → Code (user IDs of part P, `size` of them) → Atlassian User Provisioning,
 * User → Deactivate (one PATCH per user; Continue On Fail so a failure is an item, not a lost run) → Code (one
 * summary item: which worker ran it, how many items, how many failed). Deactivate rather than Update: Update reads
 * each user before it writes (it sends only what differs), so it needs two requests per user, and these runs measure
 * how executions share a rate limit, request for request.
 */
export function bulkDeactivateWorkflow(id: string, webhookPath: string, userIds: string[], size: number) {
	const items = `const part = Number($json.query.part ?? 0);
const ids = ${JSON.stringify(userIds)};
return ids.slice(part * ${size}, (part + 1) * ${size}).map((id) => ({ json: { id } }));`;
	const summary = `const items = $input.all();
const failed = items.filter((item) => item.json.error !== undefined);
return [{ json: { worker: $env.QUEUE_TEST_WORKER_NAME, executionId: $execution.id, items: items.length, failed: failed.length, firstError: failed[0]?.json.error ?? null } }];`;
	return {
		id,
		name: `queue bulk deactivate (${webhookPath})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'a0000000-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: position(0),
				webhookId: `a0000000-0000-4000-8000-${id.slice(-12).padStart(12, '0').replace(/[^0-9a-f]/g, '0')}`,
				parameters: { httpMethod: 'GET', path: webhookPath, responseMode: 'lastNode', options: {} },
			},
			{ id: 'a0000000-0000-4000-8000-000000000002', name: 'Users', type: 'n8n-nodes-base.code', typeVersion: 2, position: position(1), parameters: { jsCode: items } },
			{
				id: 'a0000000-0000-4000-8000-000000000003',
				name: 'Deactivate',
				type: NODE_TYPE,
				typeVersion: 1,
				position: position(2),
				onError: 'continueRegularOutput',
				parameters: { resource: 'user', operation: 'deactivate', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
				credentials: { atlassianScimApi: { id: CREDENTIAL_IDS.scim, name: 'Atlassian SCIM API (sandbox)' } },
			},
			{ id: 'a0000000-0000-4000-8000-000000000004', name: 'Summary', type: 'n8n-nodes-base.code', typeVersion: 2, position: position(3), parameters: { jsCode: summary } },
		],
		connections: {
			Webhook: { main: [[{ node: 'Users', type: 'main', index: 0 }]] },
			Users: { main: [[{ node: 'Deactivate', type: 'main', index: 0 }]] },
			Deactivate: { main: [[{ node: 'Summary', type: 'main', index: 0 }]] },
		},
	};
}

export interface Summary {
	worker: string;
	executionId: string;
	items: number;
	failed: number;
	firstError: unknown;
}

/** Calls a production webhook; n8n answers with the Summary node's item once the worker is done. */
export async function callWebhook(baseUrl: string, webhookPath: string, query: string, timeoutMs = 240_000): Promise<{ status: number; body: any; ms: number }> {
	const started = Date.now();
	const response = await fetch(`${baseUrl}/webhook/${webhookPath}?${query}`, { signal: AbortSignal.timeout(timeoutMs) });
	const text = await response.text();
	let body: unknown = text;
	try {
		body = JSON.parse(text);
	} catch {
		// Not JSON: keep the text for the failure message.
	}
	return { status: response.status, body, ms: Date.now() - started };
}
