import { startSandbox, type Sandbox } from '../../sandbox';
import { seedDemo } from '../../sandbox/demo';
import { seedOrgAccounts, seedOrgDemo } from '../../sandbox/org/seed';
import { runListSearch, runNode } from '../helpers/engine';
import { sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ directories: [{ id: 'dir-a', key: 'key-a' }, { id: 'dir-b', key: 'key-b' }] });
	seedDemo(sandbox);
	seedOrgDemo(sandbox);
	seedOrgAccounts(sandbox, 230);
});
afterAll(async () => await sandbox.close());
afterEach(() => sandbox.clearFaults());

/** The directory as n8n's editor saves a resource locator. */
const all = { __rl: true, mode: 'list', value: '-', cachedResultName: 'All directories' };
const run = async (parameters: Record<string, unknown>, extra: { input?: Array<Record<string, unknown>>; continueOnFail?: boolean } = {}) =>
	await runNode({ parameters: { resource: 'account', directory: all, ...parameters }, credentials: sandboxCredentials(sandbox), ...extra });
const searches = () => sandbox.requests.filter((r) => r.path.endsWith('/users/search'));

test('Get Many with Return All follows Atlassian\'s opaque cursors across pages of 100', async () => {
	sandbox.requests.length = 0;
	const { items, error } = await run({ operation: 'search', returnAll: true, filters: { emailDomains: 'example.com' } });
	expect(error).toBeUndefined();
	const expected = [...sandbox.org.all()].filter(({ account }) => account.email.endsWith('@example.com')).length;
	expect(items).toHaveLength(expected);
	expect(new Set(items.map((i) => i.json.accountId)).size).toBe(expected);
	expect(searches().length).toBe(Math.ceil(expected / 100));
	const second = JSON.parse(searches()[1].body);
	expect(typeof second.cursor).toBe('string');
	expect(second.emailDomains).toEqual(['example.com']);
	expect(searches()[0].headers['content-type']).toBe('application/json');
});

test('Get Many with a Limit asks only for what it needs', async () => {
	sandbox.requests.length = 0;
	const { items } = await run({ operation: 'search', returnAll: false, limit: 130 });
	expect(items).toHaveLength(130);
	expect(searches().map((r) => JSON.parse(r.body).limit)).toEqual([100, 30]);
});

test('emails and a search term together are refused before anything is sent', async () => {
	sandbox.requests.length = 0;
	const { error } = await run({ operation: 'search', returnAll: true, filters: { emails: 'ada.lovelace@example.com', searchTerm: 'ada' } });
	expect(error?.message).toMatch(/Emails and Search Term cannot be used together/);
	expect(sandbox.requests).toHaveLength(0);
});

test('exact emails (a list with blanks and repeats), status and managed filters', async () => {
	const { items } = await run({
		operation: 'search',
		returnAll: true,
		filters: { emails: 'ada.lovelace@example.com\n\n ken.thompson@partner.example.org, ada.lovelace@example.com, sophie.wilson@example.com' },
	});
	expect(items.map((i) => i.json.email).sort()).toEqual(['ada.lovelace@example.com', 'ken.thompson@partner.example.org', 'sophie.wilson@example.com']);
	const suspended = await run({ operation: 'search', returnAll: true, filters: { status: ['suspended'] } });
	expect(suspended.items.map((i) => i.json.email)).toEqual(['sophie.wilson@example.com']);
	const unmanaged = await run({ operation: 'search', returnAll: true, filters: { claimStatus: 'unmanaged' } });
	expect(unmanaged.items.map((i) => i.json.email).sort()).toEqual(['dennis.ritchie@acquired.example.net', 'ken.thompson@partner.example.org']);
});

test('product access adds the most recent activity and days since; never active says so, not 0 days', async () => {
	const { items } = await run({ operation: 'search', returnAll: true, filters: { emails: 'hedy.lamarr@example.com, linus.torvalds@example.com' }, options: { includeProductAccess: true } });
	const hedy = items.find((i) => i.json.email === 'hedy.lamarr@example.com')!.json;
	const linus = items.find((i) => i.json.email === 'linus.torvalds@example.com')!.json;
	expect(hedy.daysSinceLastActive).toBe(120);
	expect(hedy.neverActive).toBe(false);
	expect((hedy.productAccess as unknown[]).length).toBe(2);
	expect(linus).toMatchObject({ lastActive: null, daysSinceLastActive: null, neverActive: true });
});

test('inactive for at least 90 days, managed and active only: the licence clean-up query', async () => {
	const { items } = await run({ operation: 'search', returnAll: true, filters: { inactiveDays: 90, claimStatus: 'managed', status: ['active'], emailDomains: 'example.com' } });
	const emails = items.map((i) => i.json.email as string).filter((e) => !e.startsWith('acct'));
	// Radia (130 days), Hedy (120), Linus (never, added 200 days ago); not Anita (never active, added 10 days ago),
	// not Ken (unmanaged), not Sophie (already suspended), not Alan/Edsger (deactivated).
	expect(emails.sort()).toEqual(['hedy.lamarr@example.com', 'linus.torvalds@example.com', 'radia.perlman@example.com']);
	for (const item of items) expect(item.json.neverActive || (item.json.daysSinceLastActive as number) >= 90).toBe(true);
	// The seeded acct accounts: every 3rd inactive 100+ days, every 10th never active (added 400 days ago).
	const accts = items.filter((i) => String(i.json.email).startsWith('acct')).length;
	const expected = Array.from({ length: 230 }, (_, n) => n + 1).filter((n) => n % 10 === 0 || n % 3 === 0).length;
	expect(accts).toBe(expected);
});

test('Get by ID and by email; an unknown email is a clear error', async () => {
	const ada = sandbox.store.accountByAddress('ada.lovelace@example.com')!;
	const byId = await run({ operation: 'getAccount', account: ada.accountId });
	expect(byId.items[0].json).toMatchObject({ accountId: ada.accountId, email: 'ada.lovelace@example.com', claimStatus: 'managed', status: 'active' });
	const byEmail = await run({ operation: 'getAccount', account: 'ADA.LOVELACE@example.com' });
	expect(byEmail.items[0].json.accountId).toBe(ada.accountId);
	const missing = await run({ operation: 'getAccount', account: 'nobody@example.com' });
	expect(missing.error?.message).toBe('No account with the email nobody@example.com in the organization');
	const unknownId = await run({ operation: 'getAccount', account: 'ffffffffffffffffffff0000' });
	expect(unknownId.error?.httpCode).toBe('404');
	expect(unknownId.error?.message).toMatch(/Not found: account "ffffffffffffffffffff0000"/);
});

test('Get Last Active Dates follows the v1 links.next URL by its cursor, never the URL itself', async () => {
	const account = sandbox.store.accountByAddress('hedy.lamarr@example.com')!;
	sandbox.org.get(account.accountId)!.products.push({ key: 'jira-service-desk', id: 'ari:cloud:jira::site/x', lastActive: new Date(Date.now() - 400 * 86400_000).toISOString() });
	sandbox.requests.length = 0;
	const { items, error } = await run({ operation: 'getLastActive', account: 'hedy.lamarr@example.com' });
	expect(error).toBeUndefined();
	const pages = sandbox.requests.filter((r) => r.path.endsWith('/last-active-dates'));
	expect(pages).toHaveLength(2);
	expect(pages[1].query).toMatch(/^cursor=/);
	expect(items[0].json).toMatchObject({ accountId: account.accountId, email: 'hedy.lamarr@example.com', daysSinceLastActive: 120, neverActive: false });
	expect((items[0].json.productAccess as unknown[]).length).toBe(3);
	const never = await run({ operation: 'getLastActive', account: 'linus.torvalds@example.com' });
	expect(never.items[0].json).toMatchObject({ productAccess: [], lastActive: null, daysSinceLastActive: null, neverActive: true });
	expect(String(never.items[0].json.addedToOrg)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
});

test('the directory picker offers All directories first, then each directory', async () => {
	const result = await runListSearch('searchDirectories', sandboxCredentials(sandbox), undefined, undefined, { resource: 'account', operation: 'search' });
	expect(result.results).toEqual([
		{ name: 'All directories', value: '-' },
		{ name: 'Directory 1', value: 'dir-a' },
		{ name: 'Directory 2', value: 'dir-b' },
	]);
});

test('Get Profile and Get API Tokens of a managed account', async () => {
	const profile = await run({ operation: 'getProfile', account: 'barbara.liskov@example.com' });
	expect(profile.items[0].json).toMatchObject({ email: 'barbara.liskov@example.com', name: 'Barbara Liskov', extended_profile: { department: 'Engineering' } });
	const tokens = await run({ operation: 'getApiTokens', account: 'barbara.liskov@example.com' });
	expect(tokens.items[0].json.count).toBe(2);
	expect((tokens.items[0].json.tokens as Array<{ label: string }>).map((t) => t.label)).toEqual(['CI pipeline', 'Jira CLI']);
});
