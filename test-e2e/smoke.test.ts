/**
 * Smoke test of the end-to-end pipeline itself: a real n8n 2.41.1 on Node 24 (scripts/e2e/setup-n8n.sh), a fresh user
 * folder with this package installed from its tarball, credentials and workflows imported with n8n's CLI, runs with
 * `n8n execute`, a scheduled run under `n8n start`, and a real SMTP server on 127.0.0.1 that receives the emails.
 */
import type { Sandbox } from '../sandbox';
import { N8n, type Owner } from '../scripts/e2e/n8n';
import { startSmtpSink, type SmtpSink } from '../scripts/e2e/smtpSink';

const NODE_TYPE = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning';
const SMTP_CREDENTIAL = { id: 'smokeSmtp0000001', name: 'Smoke SMTP' };
const SCIM_CREDENTIAL = { id: 'smokeScim0000001', name: 'Smoke SCIM (sandbox)' };

let smtp: SmtpSink;
let sandbox: Sandbox | undefined;
let n8n: N8n;

const manualTrigger = { id: '5e0c0000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

function sendEmail(subject: string, text: string) {
	return {
		id: '5e0c0000-0000-4000-8000-000000000002',
		name: 'Send Email',
		type: 'n8n-nodes-base.emailSend',
		typeVersion: 2.1,
		position: [240, 0],
		parameters: { fromEmail: 'n8n@smoke.test', toEmail: 'admin@smoke.test', subject, emailFormat: 'text', text, options: { appendAttribution: false } },
		credentials: { smtp: SMTP_CREDENTIAL },
	};
}

function workflow(id: string, name: string, nodes: Array<Record<string, unknown>>) {
	const connections: Record<string, unknown> = {};
	for (let n = 0; n + 1 < nodes.length; n++) connections[nodes[n].name as string] = { main: [[{ node: nodes[n + 1].name, type: 'main', index: 0 }]] };
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

beforeAll(async () => {
	smtp = await startSmtpSink();
	n8n = await N8n.create('smoke');
	await n8n.importCredentials([{ ...SMTP_CREDENTIAL, type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true } }]);
});

afterAll(async () => {
	await n8n?.stop();
	await smtp?.close();
	await sandbox?.close();
	n8n?.cleanup();
});

test('n8n execute runs Manual Trigger -> Send Email, and the email arrives at the SMTP sink', async () => {
	await n8n.importWorkflow(workflow('smokeEmail000001', 'smoke: send an email', [manualTrigger, sendEmail('={{ "Smoke " + (1 + 1) }}', 'Hello from n8n.\nSecond line.')]));
	const result = await n8n.execute('smokeEmail000001');
	expect(result.exitCode).toBe(0);
	expect(result.run?.status).toBe('success');
	expect(Object.keys(result.run.data.resultData.runData)).toEqual(['Start', 'Send Email']);
	const [[item]] = result.run.data.resultData.runData['Send Email'][0].data.main;
	expect(item.json.accepted).toEqual(['admin@smoke.test']);
	const mail = await smtp.waitFor((m) => m.subject === 'Smoke 2', 10_000);
	expect(mail.text?.trim()).toBe('Hello from n8n.\nSecond line.');
	expect(mail.envelope).toEqual({ from: 'n8n@smoke.test', to: ['admin@smoke.test'] });
	expect(mail.from).toBe('n8n@smoke.test');
	expect(mail.to).toBe('admin@smoke.test');
});

test('a failing node makes n8n execute exit 1 with the run JSON still readable', async () => {
	await n8n.importCredentials([{ id: 'smokeSmtpClosed1', name: 'Closed SMTP', type: 'smtp', data: { user: '', password: '', host: '127.0.0.1', port: 9, secure: false, disableStartTls: true } }]);
	const broken = sendEmail('never sent', 'never sent');
	broken.credentials = { smtp: { id: 'smokeSmtpClosed1', name: 'Closed SMTP' } };
	await n8n.importWorkflow(workflow('smokeFailing0001', 'smoke: a failing node', [manualTrigger, broken]));
	const result = await n8n.execute('smokeFailing0001');
	expect(result.exitCode).toBe(1);
	expect(result.run?.status).toBe('error');
	expect(result.run.data.resultData.error.message).toMatch(/refused the connection|ECONNREFUSED/);
	expect(smtp.messages().some((m) => m.subject === 'never sent')).toBe(false);
});

test('the installed package is loaded: a workflow with the node runs in n8n against the sandbox', async () => {
	// Loaded here, not at the top: the pipeline tests above and below do not depend on the sandbox.
	const { startSandbox } = await import('../sandbox');
	const directory = (sandbox = await startSandbox({ seedUsers: 3 }));
	await n8n.importCredentials([{ ...SCIM_CREDENTIAL, type: 'atlassianScimApi', data: { directoryBaseUrl: directory.scimBaseUrl, apiKey: directory.directoryKey } }]);
	const listUsers = {
		id: '5e0c0000-0000-4000-8000-000000000003',
		name: 'List users',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [240, 0],
		parameters: { resource: 'user', operation: 'getAll', returnAll: true, simplify: true },
		credentials: { atlassianScimApi: SCIM_CREDENTIAL },
	};
	await n8n.importWorkflow(workflow('smokeNode0000001', 'smoke: the package node', [manualTrigger, listUsers]));
	const expected = directory.store.users(directory.directoryId).map((u) => u.userName);
	expect(expected).toHaveLength(3);
	const result = await n8n.execute('smokeNode0000001');
	expect(result.stdout).not.toMatch(/Unrecognized node type/);
	expect(result.exitCode).toBe(0);
	expect(result.run?.status).toBe('success');
	const items = result.run.data.resultData.runData['List users'][0].data.main[0] as Array<{ json: { userName: string } }>;
	expect(items.map((i) => i.json.userName).sort()).toEqual([...expected].sort());
	expect(directory.requests.some((r) => r.path.includes('/Users'))).toBe(true);
});

describe('under n8n start', () => {
	const owner: Owner = { email: 'owner@smoke.test', password: 'Smoke-password-1', firstName: 'Smoke', lastName: 'Owner' };
	let startedAt = 0;

	beforeAll(async () => {
		const schedule = { id: '5e0c0000-0000-4000-8000-000000000004', name: 'Every 10 s', type: 'n8n-nodes-base.scheduleTrigger', typeVersion: 1.2, position: [0, 0], parameters: { rule: { interval: [{ field: 'seconds', secondsInterval: 10 }] } } };
		await n8n.importWorkflow(workflow('smokeSchedule001', 'smoke: scheduled email', [schedule, sendEmail('Scheduled smoke', '={{ "Fired at " + $json.timestamp }}')]));
		await n8n.publishWorkflow('smokeSchedule001');
		startedAt = Date.now();
		const server = await n8n.start();
		expect(server.url).toBe(n8n.url);
	});

	test('a published workflow with a Schedule Trigger (every 10 s) sends its email', async () => {
		const mail = await smtp.waitFor((m) => m.subject === 'Scheduled smoke', 60_000);
		expect(mail.text).toMatch(/^Fired at \d{4}-\d{2}-\d{2}T/);
		expect(mail.receivedAt.getTime()).toBeGreaterThan(startedAt);
	});

	test('an owner login can be created, and the editor lists the package node and credentials', async () => {
		await n8n.setupOwner(owner);
		const cookie = await n8n.login(owner.email, owner.password);
		const types = await n8n.nodeTypes(cookie);
		const node = types.find((t) => t.name === NODE_TYPE);
		expect(node?.displayName).toBe('Atlassian User Provisioning');
		await expect(n8n.login(owner.email, 'Wrong-password-1')).rejects.toThrow(/HTTP 401/);
	});

	afterAll(async () => {
		await n8n.stop();
	});
});
