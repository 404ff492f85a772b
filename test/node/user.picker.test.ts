import { startSandbox, type Sandbox } from '../../sandbox';
import { runListSearch } from '../helpers/engine';
import { sandboxCredentials } from '../helpers/credentials';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seedUsers: 230 });
});
afterAll(async () => await sandbox.close());

test('without a search term the picker pages through all users', async () => {
	const credentials = sandboxCredentials(sandbox);
	const seen: string[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await runListSearch('searchUsers', credentials, undefined, token);
		seen.push(...page.results.map((r) => String(r.value)));
		token = page.paginationToken as string | undefined;
		pages++;
	} while (token && pages < 10);
	expect(pages).toBe(3);
	expect(seen).toHaveLength(230);
	expect(new Set(seen).size).toBe(230);
});

test('a search term matches user names, display names and emails; an exact user name comes first', async () => {
	const credentials = sandboxCredentials(sandbox);
	const exact = await runListSearch('searchUsers', credentials, 'user00123@example.com');
	const target = sandbox.store.users(sandbox.directoryId).find((u: { userName: string }) => u.userName === 'user00123@example.com')!;
	expect(exact.results[0]).toEqual({ name: expect.stringContaining('user00123@example.com'), value: target.id });
	expect(exact.results).toHaveLength(1);

	const partial = await runListSearch('searchUsers', credentials, 'USER0012');
	const names = partial.results.map((r) => r.name);
	expect(names.length).toBe(10);
	expect(names.every((n) => n.includes('user0012'))).toBe(true);

	const none = await runListSearch('searchUsers', credentials, 'no-such-person');
	expect(none.results).toEqual([]);
});
