/**
 * The examples that run on their own in queue mode: the weekly licence clean-up (Schedule Trigger) and "email when a
 * user is deactivated" (the package's polling trigger), published in a main instance with two workers, Redis and
 * PostgreSQL. Main fires the schedule and runs the polls; it hands each execution to a worker through Redis. Every
 * process logs at debug level here, so that the logs can show which process polled and which ran the executions.
 * The trigger's state (workflow static data) lives in PostgreSQL: a restart of main must neither repeat an email nor
 * lose a change, also one made while main was down.
 */
import { seedDemo } from '../sandbox/demo';
import { seedOrgDemo } from '../sandbox/org/seed';
import { startSandbox, type Sandbox } from '../sandbox';
import { deactivateOverScim, everyFewSeconds, loadExamples, sandboxCredentials, until } from '../scripts/e2e/fixtures';
import { QueueCluster } from '../scripts/e2e/queue';
import { startSmtpSink, type SmtpSink } from '../scripts/e2e/smtpSink';

const POLL_INTERVAL_MS = 60_000;
/** Running the workflow on a worker and delivering the email, after the poll that found the change. */
const DELIVERY_MS = 10_000;
/**
 * How long to wait for an email before giving up: a deadline, not the check. "Within one poll interval" is asserted by
 * counting the polls since the change, so a busy machine that delivers late fails on the count, never on the clock.
 */
const MAIL_WAIT_MS = 2 * POLL_INTERVAL_MS + DELIVERY_MS;
const CLEANUP = 'qLicenceCleanup01';
const TRIGGER = 'exDeactivatedMail';
const examples = loadExamples();
const example = (file: string) => examples.find((e) => e.file === file)!.workflow;
const triggerName = example('email-when-user-deactivated.json').name;
// The clean-up as the admin schedules it, but every 5 s instead of every Monday at 06:00.
const cleanup = everyFewSeconds(example('inactive-accounts-licence-cleanup.json'), CLEANUP, 5);

let sandbox: Sandbox;
let smtp: SmtpSink;
let cluster: QueueCluster;
/** Every line each process printed, prefixed with its name ("[main] …", "[worker1] …"). */
const lines: string[] = [];
const logOf = (name: string) => lines.filter((l) => l.startsWith(`[${name}] `));
const workerLogs = () => lines.filter((l) => /^\[worker\d+\] /.test(l));

beforeAll(async () => {
	sandbox = await startSandbox();
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
	smtp = await startSmtpSink();
	cluster = await QueueCluster.start('examples', { workers: 2, extraEnv: { N8N_LOG_LEVEL: 'debug' }, log: (line) => lines.push(line) });
	await cluster.n8n.importCredentials(sandboxCredentials(sandbox, smtp.port));
	await cluster.n8n.importWorkflows([cleanup, example('email-when-user-deactivated.json')]);
	await cluster.n8n.publishWorkflow(CLEANUP);
	await cluster.n8n.publishWorkflow(TRIGGER);
	// Workers first: a schedule that fires before any worker is ready leaves its jobs waiting in Redis, and two of
	// them would then run at once (each suspending the same accounts and sending its own email).
	await cluster.startWorkers(2);
	await cluster.startMain();
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await smtp?.close();
	await sandbox?.close();
});

/** Executions of a workflow in n8n's database: [id, mode, status]. */
const executions = (workflowId: string) => cluster.query(`select id, mode, status from execution_entity where "workflowId" = '${workflowId}' order by id`);

/** Main enqueued the execution and a worker ran it (n8n's own log lines). */
function ranOnAWorker(id: string): string {
	expect(logOf('main').some((l) => l.includes(`Enqueued execution ${id} `))).toBe(true);
	const started = workerLogs().find((l) => l.includes(`Worker started execution ${id} `));
	expect(started).toBeDefined();
	return started!.slice(1, started!.indexOf(']'));
}

test('the licence clean-up, scheduled on main, runs on a worker: 3 accounts suspended, one email', async () => {
	const mail = await smtp.waitFor((m) => m.subject === 'Atlassian: 3 accounts suspended for inactivity', 90_000);
	const membership = (email: string) => [...sandbox.org.get(sandbox.store.accountByAddress(email)!.accountId)!.memberships.values()];
	for (const email of ['radia.perlman@example.com', 'hedy.lamarr@example.com', 'linus.torvalds@example.com']) expect(membership(email)).toEqual(['suspended']);
	for (const email of ['ada.lovelace@example.com', 'anita.borg@example.com', 'ken.thompson@partner.example.org', 'alan.turing@example.com']) expect(membership(email)).toEqual(['active']);
	expect(mail.html).toMatch(/<td>hedy\.lamarr@example\.com<\/td><td>Hedy Lamarr<\/td><td>\d{4}-\d{2}-\d{2} \(120 days ago\)<\/td><td>suspended<\/td>/);
	expect(mail.to).toBe('identity-admins@example.com');

	// Two more runs: they find nothing left to suspend and send nothing.
	await until(() => executions(CLEANUP).filter((r) => r[2] === 'success').length >= 3, 60_000, 'two more scheduled runs');
	const runs = executions(CLEANUP).filter((r) => r[2] === 'success');
	expect(runs.every((r) => r[1] === 'trigger')).toBe(true);
	const workers = runs.map((r) => ranOnAWorker(r[0]));
	// The schedule fires on main ("Received trigger", debug); no worker ever runs a trigger.
	expect(logOf('main').some((l) => l.includes(`Received trigger for workflow "${cleanup.name}"`))).toBe(true);
	expect(workerLogs().filter((l) => /Received trigger for workflow|Poll trigger initiated/.test(l))).toEqual([]);
	expect(smtp.messages().filter((m) => /suspended for inactivity$/.test(m.subject ?? ''))).toHaveLength(1);
	console.log(`licence clean-up in queue mode: executions ${runs.map((r, n) => `${r[0]} on ${workers[n]}`).join(', ')}; one email`);
});

const deactivate = async (userName: string) => await deactivateOverScim(sandbox, userName);

const subject = (userName: string) => `Atlassian user ${userName} was deactivated`;
const deactivationMails = () => smtp.messages().filter((m) => / was deactivated$/.test(m.subject ?? '')).map((m) => m.subject);
const staticData = () => cluster.query(`select "staticData" from workflow_entity where id = '${TRIGGER}'`)[0]?.[0] ?? '';
const directoryPolls = (since = 0) => sandbox.requests.slice(since).filter((r) => r.method === 'GET' && r.path.endsWith('/Users') && r.status === 200).length;

test('the trigger polls on main and keeps its state in PostgreSQL: a restart of main repeats no email and loses no change', async () => {
	// Activation polled once: the baseline, saved to the database at activation.
	await until(() => directoryPolls() > 0, 60_000, 'the baseline poll');
	await until(() => staticData().includes('directory'), 30_000, 'the baseline in workflow_entity.staticData');
	const baseline = staticData();

	const adaAt = await deactivate('ada.lovelace@example.com');
	const ada = await smtp.waitFor((m) => m.subject === subject('ada.lovelace@example.com'), MAIL_WAIT_MS);
	// Within one poll interval, counted in polls: the email came with the first poll after the change.
	expect(directoryPolls(adaAt)).toBe(1);
	expect(ada.text).toContain('Ada Lovelace (ada.lovelace@example.com) was deactivated in Atlassian.');
	// The poll that emitted saved the new state (n8n saves static data when a poll emits).
	await until(() => staticData() !== baseline, 10_000, 'the state after the emitting poll');

	// Restart main (stopped by its process id); one change while it is down, one after it is back.
	await cluster.main!.stop();
	const mainStoppedAt = lines.length;
	const graceChangedAt = await deactivate('grace.hopper@example.com');
	const graceAt = Date.now();
	await cluster.startMain();
	const readyAgainAt = Date.now();
	const grace = await smtp.waitFor((m) => m.subject === subject('grace.hopper@example.com'), MAIL_WAIT_MS);
	// Nothing lost across the restart, counted in polls: the email came with main's first poll after it started again.
	expect(directoryPolls(graceChangedAt)).toBe(1);
	const pollsBeforeGrace = lines.slice(mainStoppedAt).filter((l) => l.startsWith('[main] ') && l.includes(`Poll trigger initiated for workflow "${triggerName}"`)).length;
	const katherineAt = await deactivate('katherine.johnson@example.com');
	await smtp.waitFor((m) => m.subject === subject('katherine.johnson@example.com'), MAIL_WAIT_MS);
	expect(directoryPolls(katherineAt)).toBe(1);
	// Nothing repeated (Ada's change is in the saved state), nothing lost (Grace's change came with the first poll after
	// the restart), nothing for the two demo users who were deactivated before the activation.
	expect(deactivationMails().sort()).toEqual([subject('ada.lovelace@example.com'), subject('grace.hopper@example.com'), subject('katherine.johnson@example.com')]);

	// Every poll ran on main, each email's execution on a worker.
	const polls = logOf('main').filter((l) => l.includes(`Poll trigger initiated for workflow "${triggerName}"`));
	expect(lines.slice(mainStoppedAt).some((l) => l.startsWith('[main] ') && l.includes(`Poll trigger initiated for workflow "${triggerName}"`))).toBe(true);
	expect(workerLogs().filter((l) => l.includes('Poll trigger initiated'))).toEqual([]);
	const runs = executions(TRIGGER);
	expect(runs.map((r) => [r[1], r[2]])).toEqual([
		['trigger', 'success'],
		['trigger', 'success'],
		['trigger', 'success'],
	]);
	const workers = runs.map((r) => ranOnAWorker(r[0]));
	console.log(
		`trigger in queue mode: ${polls.length} polls logged by main, none by a worker; executions ${runs.map((r, n) => `${r[0]} on ${workers[n]}`).join(', ')}; ` +
			`Grace (changed while main was down) emailed ${((grace.receivedAt.getTime() - graceAt) / 1000).toFixed(1)} s after the change, ` +
			`${((grace.receivedAt.getTime() - readyAgainAt) / 1000).toFixed(1)} s after main was ready again (polls by then since the restart: ${pollsBeforeGrace}); emails: ${deactivationMails().length}`,
	);
}, 420_000);
