import fs from 'node:fs';
import path from 'node:path';

import type { Sandbox } from '../../sandbox';
import { ROOT } from './n8n';

/** Credential IDs the example workflows refer to; the examples hold references only, never secrets. */
export const CREDENTIAL_IDS = { scim: 'atlassianScim001', org: 'atlassianOrg0001', smtp: 'smtpSandbox00001' };

export function sandboxCredentials(sandbox: { scimBaseUrl: string; directoryKey: string; orgId: string; orgKey: string; url: string }, smtpPort: number) {
	return [
		{ id: CREDENTIAL_IDS.scim, name: 'Atlassian SCIM API (sandbox)', type: 'atlassianScimApi', data: { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey } },
		{ id: CREDENTIAL_IDS.org, name: 'Atlassian Organization API (sandbox)', type: 'atlassianOrganizationApi', data: { organizationId: sandbox.orgId, apiKey: sandbox.orgKey, baseUrl: sandbox.url } },
		{ id: CREDENTIAL_IDS.smtp, name: 'SMTP (sandbox)', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtpPort, secure: false, disableStartTls: true } },
	];
}

export interface Example {
	file: string;
	workflow: { id: string; name: string; nodes: Array<Record<string, any>>; connections: Record<string, unknown> };
}

/** The example workflows in examples/, in the order the demo runs them. */
export function loadExamples(): Example[] {
	const order = ['update-user-email-changes.json', 'nightly-deactivated-users-report.json', 'delete-in-scim-db-report.json', 'inactive-accounts-licence-cleanup.json', 'offboarding-by-email.json'];
	const dir = path.join(ROOT, 'examples');
	const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
	files.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
	return files.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

/** A copy of a workflow whose Schedule Trigger fires every few seconds, to prove scheduled runs in a test. */
export function everyFewSeconds<T extends Example['workflow']>(workflow: T, id: string, seconds = 5): T {
	const copy = JSON.parse(JSON.stringify(workflow)) as T;
	copy.id = id;
	copy.name = `${workflow.name} (every ${seconds} s)`;
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') node.parameters = { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } };
	}
	return copy;
}

/**
 * Deactivates a user the way an identity provider would, with a SCIM PATCH to the sandbox (so the sandbox also writes
 * its audit-log event). Returns the length of the sandbox's request log after it, to count the polls since.
 */
export async function deactivateOverScim(sandbox: Sandbox, userName: string): Promise<number> {
	const user = sandbox.store.users(sandbox.directoryId).find((u) => u.userName === userName);
	if (!user || user.active === false) throw new Error(`${userName} should be an active user of the sandbox before the test deactivates it`);
	const reply = await fetch(`${sandbox.scimBaseUrl}/Users/${user.id}`, {
		method: 'PATCH',
		headers: { authorization: `Bearer ${sandbox.directoryKey}`, 'content-type': 'application/scim+json' },
		body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }),
	});
	if (reply.status !== 200) throw new Error(`deactivating ${userName} in the sandbox answered ${reply.status}`);
	return sandbox.requests.length;
}

/** Waits until `condition` holds, checking every 200 ms; `timeoutMs` is a deadline for the wait, not a check. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}
