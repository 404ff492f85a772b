/**
 * Update reads each user before changing it. With many items it lists the directory instead, when that takes fewer
 * requests: the first page says how many pages there are, and the rest is listed when pages <= items. Either way the
 * output is the same.
 */
import { startSandbox, type Sandbox } from '../../sandbox';
import { locator, sandboxCredentials } from '../helpers/credentials';
import { runNode } from '../helpers/engine';
import { saved } from '../helpers/editor';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 250 }); // 3 pages of 100
});
afterAll(async () => await sandbox.close());

const users = () => sandbox.store.users(sandbox.directoryId) as Array<{ id: string; userName: string }>;

async function update(items: Array<{ id: string; title: string }>, mode: 'id' | 'userName' = 'id') {
	sandbox.requests.length = 0;
	const parameters = saved({
		resource: 'user',
		operation: 'update',
		userId: { __rl: true, mode, value: mode === 'id' ? '={{ $json.id }}' : '={{ $json.userName }}' },
		updateFields: { title: '={{ $json.title }}' },
		options: { output: 'changes' },
	});
	const input = items.map((item) => ({ ...item, userName: users().find((u) => u.id === item.id)!.userName }));
	return await runNode({ parameters, input, credentials: sandboxCredentials(sandbox) });
}

const requests = () => sandbox.requests.map((r) => `${r.method} ${r.path.replace(/.*\/Users/, '/Users')}${r.method === 'GET' && r.path.endsWith('/Users') ? ` ${new URLSearchParams(r.query).get('startIndex')}` : ''}`);

test('3 items in a 3-page directory: the directory is listed (3 pages) and each item costs only its PATCH', async () => {
	const targets = users().slice(0, 3).map((u, n) => ({ id: u.id, title: `Listed ${n}` }));
	const { items, error } = await update(targets);
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.changes)).toEqual(targets.map((t) => [{ field: 'Title', before: expect.anything(), after: t.title }]));
	expect(requests().sort()).toEqual(['GET /Users 1', 'GET /Users 101', 'GET /Users 201', ...targets.map((t) => `PATCH /Users/${t.id}`)].sort());
});

test('2 items in a 3-page directory: one GET per item (after the first page that told the size)', async () => {
	const targets = users().slice(3, 5).map((u, n) => ({ id: u.id, title: `Single ${n}` }));
	const { items, error } = await update(targets);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect(requests().sort()).toEqual(['GET /Users 1', ...targets.flatMap((t) => [`GET /Users/${t.id}`, `PATCH /Users/${t.id}`])].sort());
});

test('by user name too: the listing finds users without regard to case, and makes no filter request', async () => {
	const targets = users().slice(5, 8).map((u, n) => ({ id: u.id, title: `By name ${n}` }));
	sandbox.requests.length = 0;
	const parameters = saved({
		resource: 'user',
		operation: 'update',
		userId: locator('userName', '={{ $json.userName.toUpperCase() }}'),
		updateFields: { title: '={{ $json.title }}' },
	});
	const input = targets.map((t) => ({ ...t, userName: users().find((u) => u.id === t.id)!.userName }));
	const { items, error } = await runNode({ parameters, input, credentials: sandboxCredentials(sandbox) });
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.title)).toEqual(targets.map((t) => t.title));
	expect(sandbox.requests.filter((r) => r.query.includes('filter'))).toEqual([]);
});

test('the output is the same whether the directory was listed or each user read on its own', async () => {
	const targets = users().slice(10, 13).map((u, n) => ({ id: u.id, title: `Same ${n}` }));
	const strip = (json: Record<string, unknown>) => JSON.parse(JSON.stringify(json).replace(/"lastModified":"[^"]*"/g, '"lastModified":"-"'));
	sandbox.reset({ seedUsers: 250 });
	const listed = await update(targets);
	expect(requests().filter((r) => r.startsWith('GET /Users/'))).toEqual([]);
	sandbox.reset({ seedUsers: 250 });
	const oneByOne = [];
	for (const target of targets) oneByOne.push(...(await update([target])).items);
	expect(listed.items.map((i) => strip(i.json))).toEqual(oneByOne.map((i) => strip(i.json)));
	expect(listed.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
});

test('two items on one user: the second reads the user itself instead of the listing the first one may have made stale', async () => {
	const [a, b] = users().slice(20, 22);
	const target = users()[23];
	const { items, error } = await update([
		{ id: a.id, title: 'A' },
		{ id: target.id, title: 'First' },
		{ id: b.id, title: 'B' },
		{ id: target.id, title: 'First' },
	]);
	expect(error).toBeUndefined();
	expect(items).toHaveLength(4);
	expect(requests().filter((r) => r === `GET /Users/${target.id}`)).toHaveLength(1);
});
