// The main job, in one command. `npm start`: the Atlassian sandbox with demo users, a real SMTP server and n8n at
// http://127.0.0.1:5678 with this package installed, credentials for the sandbox and the examples imported; emails
// that arrive are printed; Ctrl-C stops everything. `npm run demo`: the same, headless: runs each example once,
// prints each email and exits (non-zero if an example failed).
import { startSandbox } from '../sandbox';
import { seedDemo } from '../sandbox/demo';
import { seedOrgDemo } from '../sandbox/org/seed';
import { loadExamples, sandboxCredentials } from './e2e/fixtures';
import { N8n } from './e2e/n8n';
import { startSmtpSink, type Mail } from './e2e/smtpSink';

const headless = process.argv.includes('--headless');
const say = (text: string) => console.log(`[demo] ${text}`);
/** Examples that start from the trigger run when activated (n8n start), not from `n8n execute`. */
const polls = (workflow: { nodes: Array<Record<string, any>> }) => workflow.nodes.some((n) => String(n.type).endsWith('.atlassianUserProvisioningTrigger'));

function printMail(mail: Mail) {
	const body = mail.html
		? mail.html.replace(/<\/(tr|table)>/g, '\n').replace(/<\/t[dh]>/g, ' | ').replace(/<[^>]+>/g, '').trim()
		: (mail.text ?? '').trim();
	console.log(`\n──── email ─────────────────────────────────────────────\nFrom: ${mail.from}\nTo: ${mail.to}\nSubject: ${mail.subject}\n\n${body}\n────────────────────────────────────────────────────────\n`);
}

async function main() {
	const sandbox = await startSandbox();
	const demo = seedDemo(sandbox);
	const org = seedOrgDemo(sandbox);
	const smtp = await startSmtpSink();
	smtp.onMail(printMail);
	say(`Atlassian sandbox on ${sandbox.url} with ${demo.users} demo users, ${demo.groups} groups and ${org.accounts} organization accounts; SMTP on 127.0.0.1:${smtp.port}`);
	say('preparing n8n: installing this package from its tarball, importing credentials and examples...');
	const n8n = await N8n.create('demo', {}, headless ? undefined : Number(process.env.N8N_DEMO_PORT ?? 5678));
	await n8n.importCredentials(sandboxCredentials(sandbox, smtp.port));
	const examples = loadExamples();
	await n8n.importWorkflows(examples.map((e) => e.workflow));

	const stopAll = async () => {
		await n8n.stop();
		await smtp.close();
		await sandbox.close();
		n8n.cleanup();
	};

	if (headless) {
		let failed = 0;
		for (const { workflow } of examples) {
			if (polls(workflow)) {
				say(`"${workflow.name}" starts from the trigger: npm start activates it`);
				continue;
			}
			say(`running "${workflow.name}"...`);
			const before = smtp.messages().length;
			const result = await n8n.execute(workflow.id);
			const status = result.run?.status ?? 'failed';
			if (result.exitCode !== 0 || status !== 'success') {
				failed++;
				say(`"${workflow.name}" failed:\n${result.stdout.split('\n').slice(-30).join('\n')}`);
				continue;
			}
			// n8n's Send Email node returns once the server accepted the mail; give the parser a moment.
			for (let waited = 0; smtp.messages().length === before && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
			say(`"${workflow.name}": ${status}`);
		}
		await stopAll();
		const ran = examples.filter(({ workflow }) => !polls(workflow)).length;
		say(failed ? `${failed} example(s) failed` : `all ${ran} examples ran; ${smtp.messages().length} emails printed above`);
		process.exit(failed ? 1 : 0);
	}

	const activated = examples.filter(({ workflow }) => polls(workflow));
	for (const { workflow } of activated) await n8n.publishWorkflow(workflow.id);
	await n8n.start();
	const owner = { email: 'admin@example.com', password: 'Demo-password-1', firstName: 'Demo', lastName: 'Admin' };
	await n8n.setupOwner(owner);
	say(`n8n is ready: ${n8n.url}  (login ${owner.email} / ${owner.password})`);
	say(`the examples are in the workflow list; open one and click "Execute workflow". Emails are printed here.`);
	for (const { workflow } of activated) say(`"${workflow.name}" is active and polls the sandbox every minute.`);
	if (activated.length) {
		const ada = sandbox.store.users(sandbox.directoryId).find((u) => u.userName === 'ada.lovelace@example.com');
		say(
			`to see it fire, deactivate a user as an identity provider would, e.g.:\n  curl -X PATCH ${sandbox.scimBaseUrl}/Users/${ada?.id} -H 'Authorization: Bearer ${sandbox.directoryKey}' -H 'Content-Type: application/scim+json' -d '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}'\n  (the email is printed here within a minute)`,
		);
	}
	say(`the sandbox's users: ${sandbox.url}/__sandbox/state   Ctrl-C stops everything.`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		say('stopping...');
		void stopAll().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
