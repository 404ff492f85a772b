/**
 * End to end: a real n8n 2.41.1 on Node 24 with the package installed from its tarball, the Atlassian sandbox and a
 * real SMTP server on 127.0.0.1. Imports the credentials and every example with n8n's CLI, runs them with
 * `n8n execute`, and checks the sandbox and the emails; then a wrong key, and a scheduled run under `n8n start`.
 */
import { seedDemo } from '../sandbox/demo';
import { seedOrgDemo } from '../sandbox/org/seed';
import { startSandbox, type Sandbox } from '../sandbox';
import { CREDENTIAL_IDS, everyFewSeconds, loadExamples, sandboxCredentials } from '../scripts/e2e/fixtures';
import { N8n } from '../scripts/e2e/n8n';
import { startSmtpSink, type SmtpSink } from '../scripts/e2e/smtpSink';

let sandbox: Sandbox;
let smtp: SmtpSink;
let n8n: N8n;
const examples = loadExamples();
const example = (file: string) => examples.find((e) => e.file === file)!.workflow;

beforeAll(async () => {
	sandbox = await startSandbox();
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
	smtp = await startSmtpSink();
	n8n = await N8n.create('e2e');
	await n8n.importCredentials(sandboxCredentials(sandbox, smtp.port));
	await n8n.importWorkflows(examples.map((e) => e.workflow));
});

afterAll(async () => {
	await n8n?.stop();
	await smtp?.close();
	await sandbox?.close();
	n8n?.cleanup();
});

const byUserName = (userName: string) => sandbox.store.users(sandbox.directoryId).find((u) => u.userName === userName);

test('the installed package is the published one and n8n loads it', async () => {
	const result = await n8n.execute(example('update-user-email-changes.json').id);
	expect(result.stdout).not.toMatch(/Unrecognized node type/);
	expect(result.run?.data?.resultData?.runData?.["Update Ada's title and department"]).toBeDefined();
});

test('update a user and email what changed', async () => {
	// The previous test already ran it once; the sandbox holds the change and the email says what changed.
	const ada = byUserName('ada.lovelace@example.com')!;
	expect(ada.title).toBe('Lead Analyst');
	expect(ada.department).toBe('Research & Development');
	const mail = await smtp.waitFor((m) => m.subject === 'Atlassian user ada.lovelace@example.com updated');
	expect(mail.text).toContain('Title: Analyst → Lead Analyst');
	expect(mail.text).toContain('Department: Research → Research & Development');
	expect(mail.to).toBe('identity-admins@example.com');
	// Run again: nothing to change, nothing sent to Atlassian but the read.
	const again = await n8n.execute(example('update-user-email-changes.json').id);
	expect(again.exitCode).toBe(0);
	expect(again.run.status).toBe('success');
	await smtp.waitFor((m) => m.subject === 'Atlassian user ada.lovelace@example.com: nothing to change');
});

test('nightly report of deactivated users, as an HTML table', async () => {
	const result = await n8n.execute(example('nightly-deactivated-users-report.json').id);
	expect(result.exitCode).toBe(0);
	expect(result.run.status).toBe('success');
	const mail = await smtp.waitFor((m) => m.subject === 'Atlassian: 2 deactivated users');
	expect(mail.html).toContain('<td>alan.turing@example.com</td>');
	expect(mail.html).toContain('<td>edsger.dijkstra@example.com</td>');
	expect(mail.html).not.toContain('ada.lovelace@example.com');
	// The plain-text part: a header line, then one line per user.
	expect(mail.text).toMatch(/^User name \| Display name \| Department \| Account ID\nalan\.turing@example\.com \| Alan Turing \| Research \| [0-9a-f]{24}$/m);
});

test('delete a list of account IDs in the SCIM DB and email the per-ID report', async () => {
	const result = await n8n.execute(example('delete-in-scim-db-report.json').id);
	expect(result.exitCode).toBe(0);
	expect(result.run.status).toBe('success');
	expect(byUserName('grace.hopper@example.com')).toBeUndefined();
	expect(byUserName('edsger.dijkstra@example.com')).toBeUndefined();
	const mail = await smtp.waitFor((m) => (m.subject ?? '').startsWith('Delete in SCIM DB:'));
	expect(mail.subject).toBe('Delete in SCIM DB: 2 of 3 deleted');
	expect(mail.text).toMatch(/7510f4f2ee8b57b7d6c5c28f\s+deleted/);
	expect(mail.text).toMatch(/5f0000000000000000000000\s+notFound/);
});

test('weekly licence clean-up: managed accounts inactive for 90+ days are suspended, one email with the table', async () => {
	const result = await n8n.execute(example('inactive-accounts-licence-cleanup.json').id);
	expect(result.exitCode).toBe(0);
	expect(result.run.status).toBe('success');
	const membership = (email: string) => [...sandbox.org.get(sandbox.store.accountByAddress(email)!.accountId)!.memberships.values()];
	for (const email of ['radia.perlman@example.com', 'hedy.lamarr@example.com', 'linus.torvalds@example.com']) expect(membership(email)).toEqual(['suspended']);
	// Left alone: recently active, a new joiner never active yet, an unmanaged account, deactivated accounts.
	for (const email of ['ada.lovelace@example.com', 'anita.borg@example.com', 'ken.thompson@partner.example.org', 'alan.turing@example.com']) expect(membership(email)).toEqual(['active']);
	const mail = await smtp.waitFor((m) => m.subject === 'Atlassian: 3 accounts suspended for inactivity');
	expect(mail.html).toMatch(/<td>hedy\.lamarr@example\.com<\/td><td>Hedy Lamarr<\/td><td>\d{4}-\d{2}-\d{2} \(120 days ago\)<\/td><td>suspended<\/td>/);
	expect(mail.html).toMatch(/<td>linus\.torvalds@example\.com<\/td><td>Linus Torvalds<\/td><td>never \(added \d{4}-\d{2}-\d{2}\)<\/td>/);
	expect(mail.html).toContain('<td>radia.perlman@example.com</td>');
	expect(mail.html).not.toContain('ken.thompson');
	// The plain-text part: the intro on its own, then a header line and one line per account.
	expect(mail.text).toContain('Restore Access gives an account back its access, roles and groups.\n\nEmail | Name | Last active | Outcome\n');
	expect(mail.text).toMatch(/^hedy\.lamarr@example\.com \| Hedy Lamarr \| \d{4}-\d{2}-\d{2} \(120 days ago\) \| suspended$/m);
	expect(mail.text).not.toContain('groups.Email');
	expect(mail.to).toBe('identity-admins@example.com');
});

test('offboarding by email: suspend, revoke API tokens, delete the SCIM record, one email with each step and the reason of each failure', async () => {
	const barbara = sandbox.store.accountByAddress('barbara.liskov@example.com')!.accountId;
	// An account the organization no longer manages: Atlassian suspends it, but refuses its tokens and SCIM record.
	const katherine = sandbox.store.accountByAddress('katherine.johnson@example.com')!.accountId;
	sandbox.store.accounts.get(katherine)!.managed = false;
	const result = await n8n.execute(example('offboarding-by-email.json').id);
	expect(result.exitCode).toBe(0);
	expect(result.run.status).toBe('success');
	expect([...sandbox.org.get(barbara)!.memberships.values()]).toEqual(['suspended']);
	expect(sandbox.org.get(barbara)!.tokens).toEqual([]);
	expect(byUserName('barbara.liskov@example.com')).toBeUndefined();
	expect(byUserName('katherine.johnson@example.com')).toBeDefined();
	const mail = await smtp.waitFor((m) => m.subject === 'Offboarding: 2 of 3 leavers suspended');
	expect(mail.text).toContain('barbara.liskov@example.com\n  access: suspended\n  API tokens: revoked (2)\n  SCIM record: deleted');
	expect(mail.text).toContain(
		'katherine.johnson@example.com\n  access: suspended\n' +
			`  API tokens: failed: account "${katherine}" is not a managed account of your organization (403, forbidden.targetUnverified)\n` +
			`  SCIM record: failed: Atlassian rejected the request for account "${katherine}": Only managed accounts can be deleted in the SCIM DB\n`,
	);
	expect(mail.text).toContain('nobody@example.com\n  access: notFound\n  API tokens: notFound (0)\n  SCIM record: skipped (no account)');
	expect(mail.text).not.toMatch(/failed \(0\)|failed$|failed\n/m);
});

test('a wrong key makes the run fail with the node\'s clear error, and the key is not printed', async () => {
	const wrong = sandboxCredentials(sandbox, smtp.port).map((c) => (c.type === 'atlassianScimApi' ? { ...c, id: 'atlassianWrong01', name: 'Wrong key', data: { ...c.data, apiKey: 'wrong-directory-key-9999' } } : c));
	await n8n.importCredentials([wrong[0]]);
	const workflow = JSON.parse(JSON.stringify(example('nightly-deactivated-users-report.json')));
	workflow.id = 'exWrongKey000001';
	for (const node of workflow.nodes) if (node.credentials?.atlassianScimApi) node.credentials.atlassianScimApi = { id: 'atlassianWrong01', name: 'Wrong key' };
	await n8n.importWorkflow(workflow);
	const result = await n8n.execute(workflow.id);
	expect(result.exitCode).not.toBe(0);
	// The name given in the workflow's credentials, so an admin with several credentials knows which one failed.
	expect(result.stdout).toContain('Atlassian SCIM API credential "Wrong key": the directory API key was refused (401)');
	expect(result.stdout).not.toContain('wrong-directory-key-9999');
});

test('Update in a real n8n: Name parts saved by the editor leave the others alone, and a lost account link is reported', async () => {
	const scim = (method: string, path: string, body?: unknown) =>
		fetch(`${sandbox.scimBaseUrl}${path}`, { method, headers: { authorization: `Bearer ${sandbox.directoryKey}`, 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) });
	// An external user (partner.org is not a verified domain) with a formatted name, in a SCIM group.
	const created = await scim('POST', '/Users', {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
		userName: 'mateo.guest@partner.org',
		emails: [{ value: 'mateo.guest@partner.org', type: 'work', primary: true }],
		name: { formatted: 'Mateo Okafor', givenName: 'M', familyName: 'O' },
	});
	const user = (await created.json()) as { id: string };
	const group = await scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'partners', members: [{ value: user.id }] });
	expect(group.status).toBe(201);
	const update = {
		id: '5e0c0000-0000-4000-8000-0000000000e1',
		name: 'Update',
		type: 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning',
		typeVersion: 1,
		position: [240, 0],
		// As the editor saves the Name group with two parts typed in (the others are filled with '' at run time).
		parameters: { resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: user.id }, updateFields: { givenName: 'Mateo', familyName: 'Okafor' } },
		credentials: { atlassianScimApi: { id: CREDENTIAL_IDS.scim, name: 'Atlassian SCIM API (sandbox)' } },
	};
	const start = { id: '5e0c0000-0000-4000-8000-0000000000e0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	await n8n.importWorkflow({ id: 'e2eLinkLoss00001', name: 'e2e: update an external user', active: false, nodes: [start, update], connections: { Start: { main: [[{ node: 'Update', type: 'main', index: 0 }]] } }, settings: { executionOrder: 'v1' } });
	const mark = sandbox.requests.length;
	const result = await n8n.execute('e2eLinkLoss00001');
	expect(result.exitCode).toBe(0);
	const patches = sandbox.requests.slice(mark).filter((r) => r.method === 'PATCH');
	expect(patches.map((r) => JSON.parse(r.body).Operations)).toEqual([
		[
			{ op: 'replace', path: 'name.givenName', value: 'Mateo' },
			{ op: 'replace', path: 'name.familyName', value: 'Okafor' },
		],
	]);
	const stored = sandbox.store.directory(sandbox.directoryId)!.users.get(user.id)!;
	expect(stored.name).toMatchObject({ formatted: 'Mateo Okafor', givenName: 'Mateo', familyName: 'Okafor' });
	const out = result.run.data.resultData.runData.Update[0].data.main[0][0].json;
	expect(out).toMatchObject({ id: user.id, accountLinkLost: true, groupsLost: ['partners'] });
	expect(out.warning).toMatch(/^Atlassian unlinked this SCIM user from Atlassian account \S+ and removed it from group "partners" during this update\./);
});

test('sync users from a source of truth: created, updated and deactivated in one email; a second run writes nothing', async () => {
	const result = await n8n.execute(example('sync-users-from-source.json').id);
	expect(result.exitCode).toBe(0);
	expect(result.run.status).toBe('success');
	expect(byUserName('annie.easley@example.com')).toMatchObject({ title: 'Rocket Scientist', active: true, name: { givenName: 'Annie', familyName: 'Easley' } });
	expect(byUserName('margaret.hamilton@example.com')?.title).toBe('VP of Software Engineering');
	// Not in the CSV: deactivated, not deleted.
	expect(byUserName('radia.perlman@example.com')?.active).toBe(false);
	const mail = await smtp.waitFor((m) => /^Atlassian sync: \d+ created, [1-9]\d* updated/.test(m.subject ?? ''));
	expect(mail.html).toContain('<td>created</td><td>annie.easley@example.com</td>');
	expect(mail.html).toContain('<td>deactivated</td><td>radia.perlman@example.com</td>');
	expect(mail.html).toContain('Title: Director of Software Engineering → VP of Software Engineering');
	// The directory now matches the source: the next run reads and writes nothing.
	const mark = sandbox.requests.length;
	const again = await n8n.execute(example('sync-users-from-source.json').id);
	expect(again.exitCode).toBe(0);
	expect(sandbox.requests.slice(mark).filter((r) => r.method !== 'GET')).toEqual([]);
	await smtp.waitFor((m) => m.subject === 'Atlassian sync: 0 created, 0 updated, 0 deactivated, 6 unchanged');
});

test('a scheduled example, activated under n8n start, delivers its email', async () => {
	const scheduled = everyFewSeconds(example('nightly-deactivated-users-report.json'), 'exScheduled00001', 5);
	await n8n.importWorkflow(scheduled);
	await n8n.publish(scheduled.id);
	const before = smtp.messages().length;
	await n8n.start();
	const mail = await smtp.waitFor((m) => smtp.messages().indexOf(m) >= before && /deactivated users$/.test(m.subject ?? ''), 90_000);
	expect(mail.html).toContain('alan.turing@example.com');
	await n8n.stop();
});
