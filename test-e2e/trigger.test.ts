/**
 * The trigger in a real n8n 2.41.1 (`n8n start`, workflows published): the example "email when a user is
 * deactivated" polls the sandbox's directory, and a second workflow polls its audit log. One deactivation, made
 * over SCIM as an identity provider makes it, must bring both emails to the SMTP sink within one poll interval
 * (n8n's shortest: every minute) after the activation's baseline. Then answers are slowed so that one poll of each
 * workflow outlasts the interval (n8n starts the next poll on time, without waiting): each change must still be
 * emitted and emailed exactly once.
 */
import { seedDemo } from '../sandbox/demo';
import { startSandbox, type Sandbox } from '../sandbox';
import { CREDENTIAL_IDS, deactivateOverScim, loadExamples, sandboxCredentials, until } from '../scripts/e2e/fixtures';
import { N8n } from '../scripts/e2e/n8n';
import { startSmtpSink, type SmtpSink } from '../scripts/e2e/smtpSink';

const AUDIT_LOG_TRIGGER = 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioningAuditLogTrigger';
const POLL_INTERVAL_MS = 60_000;
/** Running the workflow and delivering the email, after the poll that found the change. */
const DELIVERY_MS = 10_000;
/**
 * How long to wait for an email before giving up: a deadline, not the check. "Within one poll interval" is asserted by
 * counting the polls since the change, so a busy machine that delivers late fails on the count, never on the clock.
 */
const MAIL_WAIT_MS = 2 * POLL_INTERVAL_MS + DELIVERY_MS;

let sandbox: Sandbox;
let smtp: SmtpSink;
let n8n: N8n;
/** n8n's log (debug level: it logs each poll it starts and each poll that emits). */
const lines: string[] = [];

const auditLogWorkflow = {
	id: 'exAuditLogMail001',
	name: 'Atlassian audit log: email on deactivation',
	active: false,
	settings: { executionOrder: 'v1' },
	nodes: [
		{
			id: 'c3a1e7d0-0006-4000-8000-000000000001',
			name: 'Audit log',
			type: AUDIT_LOG_TRIGGER,
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, actions: ['USER_DEACTIVATED'] },
			credentials: { atlassianOrganizationApi: { id: CREDENTIAL_IDS.org, name: 'Atlassian Organization API (sandbox)' } },
		},
		{
			id: 'c3a1e7d0-0006-4000-8000-000000000002',
			name: 'Email',
			type: 'n8n-nodes-base.emailSend',
			typeVersion: 2.1,
			position: [260, 0],
			parameters: {
				fromEmail: 'n8n@example.com',
				toEmail: 'security@example.com',
				subject: "={{ 'Audit log: ' + $json.event + ' ' + $json.target.userName }}",
				emailFormat: 'text',
				text: "={{ $json.description + ' by ' + $json.actor.name + ' at ' + $json.time }}",
				options: { appendAttribution: false },
			},
			credentials: { smtp: { id: CREDENTIAL_IDS.smtp, name: 'SMTP (sandbox)' } },
		},
	],
	connections: { 'Audit log': { main: [[{ node: 'Email', type: 'main', index: 0 }]] } },
};

const example = loadExamples().find((e) => e.file === 'email-when-user-deactivated.json')!.workflow as { id: string; name: string };

beforeAll(async () => {
	sandbox = await startSandbox();
	seedDemo(sandbox);
	smtp = await startSmtpSink();
	n8n = await N8n.create('e2e-trigger', { N8N_LOG_LEVEL: 'debug' });
	await n8n.importCredentials(sandboxCredentials(sandbox, smtp.port));
	await n8n.importWorkflow(example);
	await n8n.importWorkflow(auditLogWorkflow);
	await n8n.publishWorkflow(example.id);
	await n8n.publishWorkflow(auditLogWorkflow.id);
	await n8n.start((line) => lines.push(line));
	// Five n8n CLI runs and a cold start: on a loaded machine this takes minutes.
}, 900_000);

afterAll(async () => {
	await n8n?.stop();
	await smtp?.close();
	await sandbox?.close();
	n8n?.cleanup();
});


test('activated workflows: a deactivation brings the directory email and the audit-log email within one poll interval', async () => {
	// Activation polls once at once: that poll is each source's baseline.
	await until(() => sandbox.requests.some((r) => r.method === 'GET' && r.path.endsWith('/Users') && r.status === 200), 60_000, 'the directory baseline');
	await until(() => sandbox.requests.some((r) => r.path.endsWith('/events-stream') && r.status === 200), 60_000, 'the audit-log baseline');
	const ada = sandbox.store.users(sandbox.directoryId).find((u) => u.userName === 'ada.lovelace@example.com')!;
	expect(ada.active).toBe(true);
	// Within one poll interval, counted in polls: each email comes with the first poll of its source after the change.
	const logged = await deactivateOverScim(sandbox, ada.userName);
	const pollsSinceChange = (pathEnd: string) => sandbox.requests.slice(logged).filter((r) => r.method === 'GET' && r.path.endsWith(pathEnd) && r.status === 200).length;

	const mail = await smtp.waitFor((m) => m.subject === 'Atlassian user ada.lovelace@example.com was deactivated', MAIL_WAIT_MS);
	expect(pollsSinceChange('/Users')).toBe(1);
	expect(mail.to).toBe('identity-admins@example.com');
	expect(mail.text).toContain('Ada Lovelace (ada.lovelace@example.com) was deactivated in Atlassian.');
	expect(mail.text).toContain('Active: true → false');
	expect(mail.text).toContain(`SCIM user ID: ${ada.id}`);

	const audit = await smtp.waitFor((m) => m.subject === 'Audit log: user_deactivated ada.lovelace@example.com', MAIL_WAIT_MS);
	expect(pollsSinceChange('/events-stream')).toBe(1);
	expect(audit.text).toContain(`User deactivated by User provisioning (directory ${sandbox.directoryId})`);

	// Each change is reported once: no email for the demo users deactivated before activation, none twice.
	expect(smtp.messages().filter((m) => /deactivated$/.test(m.subject ?? ''))).toHaveLength(1);
	expect(smtp.messages().filter((m) => (m.subject ?? '').startsWith('Audit log:'))).toHaveLength(1);
});

test('a poll that outlasts the interval: the ticks that come meanwhile do nothing; each change is emitted and emailed once, in both modes', async () => {
	// Each source's next listing request gets no answer within the node's 30 s timeout three times (then an answer
	// at once): that poll takes more than 90 s, so at least one tick of n8n's every-minute schedule starts a poll
	// while it runs. The faults are installed before the change: whichever poll meets them first reads after it.
	const faults = ['/Users', '/events-stream'].map((pathIncludes) => ({ kind: 'slow' as const, method: 'GET', pathIncludes, delayMs: 40_000, count: 3 }));
	const from = lines.length;
	sandbox.injectFaults(faults);
	await deactivateOverScim(sandbox, 'grace.hopper@example.com');

	const WAIT_MS = POLL_INTERVAL_MS + 3 * 35_000 + DELIVERY_MS + POLL_INTERVAL_MS;
	const directorySubject = 'Atlassian user grace.hopper@example.com was deactivated';
	const auditSubject = 'Audit log: user_deactivated grace.hopper@example.com';
	await smtp.waitFor((m) => m.subject === directorySubject, WAIT_MS);
	await smtp.waitFor((m) => m.subject === auditSubject, WAIT_MS);
	expect(sandbox.stats().faultsByKind.slow).toBe(6);

	const since = () => lines.slice(from);
	const started = (name: string) => since().filter((l) => l.includes(`Poll trigger initiated for workflow "${name}"`)).length;
	const emitted = (name: string) => since().filter((l) => l.includes(`Received event to trigger execution for workflow "${name}"`)).length;
	// Then one more poll of each, after the slow one (a poll that emits logs it at once; its email would follow).
	const pollsSoFar = { directory: started(example.name), auditLog: started(auditLogWorkflow.name) };
	await until(() => started(example.name) > pollsSoFar.directory && started(auditLogWorkflow.name) > pollsSoFar.auditLog, POLL_INTERVAL_MS + 10_000, 'the next polls');
	await new Promise((r) => setTimeout(r, DELIVERY_MS));

	for (const name of [example.name, auditLogWorkflow.name]) {
		const log = since();
		const emittedAt = log.findIndex((l) => l.includes(`Received event to trigger execution for workflow "${name}"`));
		// While the slow poll ran, n8n started at least one more poll of the workflow: it did nothing.
		expect(log.slice(0, emittedAt).filter((l) => l.includes(`Poll trigger initiated for workflow "${name}"`)).length).toBeGreaterThanOrEqual(2);
		expect(emitted(name)).toBe(1);
	}
	expect(smtp.messages().filter((m) => m.subject === directorySubject)).toHaveLength(1);
	expect(smtp.messages().filter((m) => m.subject === auditSubject)).toHaveLength(1);
	// Nothing else was emailed: ada (the first test) and grace, once each per mode.
	expect(smtp.messages()).toHaveLength(4);
}, 480_000);
