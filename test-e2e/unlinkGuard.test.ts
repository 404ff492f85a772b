/**
 * End to end, in a real n8n 2.41.1 with the package from its tarball: Update with "Check Account Link Before
 * Updating" and the Organization API credential. An item whose update Atlassian would answer by unlinking the account
 * (an external account; a managed user's email moved to a domain the organization has not verified) goes to the
 * error output and nothing is sent for it; the other items are updated. Without an error output, the run fails
 * with the node's message and sends nothing for that item.
 */
import { seedDemo } from '../sandbox/demo';
import { seedOrgDemo } from '../sandbox/org/seed';
import { startSandbox, type Sandbox } from '../sandbox';
import { CREDENTIAL_IDS, sandboxCredentials } from '../scripts/e2e/fixtures';
import { N8n, runError } from '../scripts/e2e/n8n';
import { startSmtpSink, type SmtpSink } from '../scripts/e2e/smtpSink';

const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

let sandbox: Sandbox;
let smtp: SmtpSink;
let n8n: N8n;

beforeAll(async () => {
	sandbox = await startSandbox();
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
	smtp = await startSmtpSink();
	n8n = await N8n.create('e2e-unlink');
	await n8n.importCredentials(sandboxCredentials(sandbox, smtp.port));
});

afterAll(async () => {
	await n8n?.stop();
	await smtp?.close();
	await sandbox?.close();
	n8n?.cleanup();
});

const dir = () => sandbox.store.directory(sandbox.directoryId)!;
const linkOf = (id: string) => (dir().users.get(id)?.[EXTERNAL] as { atlassianAccountId?: string } | undefined)?.atlassianAccountId ?? null;

async function externalUserInGroup(email: string, group: string): Promise<string> {
	const scim = async (path: string, body: unknown) =>
		await fetch(`${sandbox.scimBaseUrl}${path}`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sandbox.directoryKey}`, 'content-type': 'application/scim+json' },
			body: JSON.stringify(body),
		});
	const created = await scim('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: email, emails: [{ value: email, type: 'work', primary: true }] });
	const { id } = (await created.json()) as { id: string };
	expect((await scim('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: group, members: [{ value: id }] })).status).toBe(201);
	return id;
}

/** Start → the users to update (one item each) → Update, as the editor saves it. */
function workflow(id: string, rows: Array<Record<string, unknown>>, update: Record<string, unknown>, errorOutput: boolean) {
	const start = { id: '5e0c0000-0000-4000-8000-0000000000f0', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const users = {
		id: '5e0c0000-0000-4000-8000-0000000000f1',
		name: 'Users',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [240, 0],
		parameters: { fieldToSplitOut: 'rows', options: {} },
	};
	const rowsNode = {
		id: '5e0c0000-0000-4000-8000-0000000000f3',
		name: 'Rows',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [120, 0],
		parameters: { mode: 'raw', jsonOutput: JSON.stringify({ rows }), options: {} },
	};
	const node = {
		id: '5e0c0000-0000-4000-8000-0000000000f2',
		name: 'Update',
		type: 'n8n-nodes-atlassian-user-provisioning.atlassianUserProvisioning',
		typeVersion: 1,
		position: [480, 0],
		...(errorOutput ? { onError: 'continueErrorOutput' } : {}),
		parameters: { resource: 'user', operation: 'update', userId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, checkAccountLink: true, ...update },
		credentials: {
			atlassianScimApi: { id: CREDENTIAL_IDS.scim, name: 'Atlassian SCIM API (sandbox)' },
			atlassianOrganizationApi: { id: CREDENTIAL_IDS.org, name: 'Atlassian Organization API (sandbox)' },
		},
	};
	return {
		id,
		name: `e2e: ${id}`,
		active: false,
		nodes: [start, rowsNode, users, node],
		connections: {
			Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
			Rows: { main: [[{ node: 'Users', type: 'main', index: 0 }]] },
			Users: { main: [[{ node: 'Update', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

test('an external account and a managed one moved off the verified domain go to the error output, untouched; the others are updated', async () => {
	const guest = await externalUserInGroup('lena.guest@partner.org', 'partners-e2e');
	const guestAccount = linkOf(guest);
	const ada = dir().idByUserName('ada.lovelace@example.com')!;
	const grace = dir().idByUserName('grace.hopper@example.com')!;
	const adaAccount = linkOf(ada);
	await n8n.importWorkflow(
		workflow(
			'e2eUnlinkGuard001',
			[
				{ id: guest, email: 'lena.guest@partner.org' },
				{ id: ada, email: 'ada@partner.org' },
				{ id: grace, email: 'grace.hopper@example.com' },
			],
			{ updateFields: { title: 'Checked', emails: { email: [{ value: '={{ $json.email }}', type: 'work', primary: true }] } } },
			true,
		),
	);
	const mark = sandbox.requests.length;
	const result = await n8n.execute('e2eUnlinkGuard001');
	expect(result.exitCode).toBe(0);
	const [updated, refused] = result.run.data.resultData.runData.Update[0].data.main as Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }>>;
	expect(updated.map((i) => i.json.id)).toEqual([grace]);
	expect(updated[0].json.title).toBe('Checked');
	expect(refused.map((i) => i.json.error)).toEqual([
		`Not updated: the update would unlink user "${guest}" from its Atlassian account`,
		`Not updated: the update would unlink user "${ada}" from its Atlassian account`,
	]);
	// Nothing was written for the refused users: their links, groups, titles and emails are as before.
	const writes = sandbox.requests.slice(mark).filter((r) => r.method === 'PATCH' || r.method === 'PUT');
	expect(writes.map((r) => r.path)).toEqual([`/scim/directory/${sandbox.directoryId}/Users/${grace}`]);
	expect(linkOf(guest)).toBe(guestAccount);
	expect(linkOf(ada)).toBe(adaAccount);
	expect(dir().users.get(ada)!.title).toBe('Analyst');
	expect(sandbox.store.groups(sandbox.directoryId).find((g) => g.displayName === 'partners-e2e')!.members.has(guest)).toBe(true);
});

test('without an error output the run fails with the reason, and Allow Updates That Unlink Accounts sends it', async () => {
	const guest = await externalUserInGroup('omar.guest@partner.org', 'partners-e2e-2');
	await n8n.importWorkflow(workflow('e2eUnlinkGuard002', [{ id: guest }], { updateFields: { title: 'Checked' } }, false));
	const mark = sandbox.requests.length;
	const failed = await n8n.execute('e2eUnlinkGuard002');
	expect(failed.exitCode).not.toBe(0);
	expect(runError(failed.run) ?? failed.stdout).toContain(`Not updated: the update would unlink user "${guest}" from its Atlassian account`);
	expect(sandbox.requests.slice(mark).filter((r) => r.method === 'PATCH')).toHaveLength(0);
	expect(linkOf(guest)).not.toBeNull();

	await n8n.importWorkflow(workflow('e2eUnlinkGuard003', [{ id: guest }], { updateFields: { title: 'Checked' }, allowUnlink: true }, false));
	const sent = await n8n.execute('e2eUnlinkGuard003');
	expect(sent.exitCode).toBe(0);
	expect(sent.run.data.resultData.runData.Update[0].data.main[0][0].json).toMatchObject({ title: 'Checked', accountLinkLost: true, groupsLost: ['partners-e2e-2'] });
	expect(linkOf(guest)).toBeNull();
});
