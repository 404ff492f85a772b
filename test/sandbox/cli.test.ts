/**
 * `npm run sandbox` runs the compiled sandbox/cli.ts. Here the sandbox sources are transpiled (no type check) into a
 * temporary folder and the CLI is started as its own process, as other processes (demo, benchmarks) would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const source = path.resolve(__dirname, '../../sandbox');
let out: string;
let child: ChildProcess | undefined;

function transpile(from: string, to: string) {
	mkdirSync(to, { recursive: true });
	for (const name of readdirSync(from)) {
		const file = path.join(from, name);
		if (statSync(file).isDirectory()) transpile(file, path.join(to, name));
		else if (name.endsWith('.ts')) {
			const js = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
			writeFileSync(path.join(to, name.replace(/\.ts$/, '.js')), js.outputText);
		}
	}
}

beforeAll(() => {
	out = mkdtempSync(path.join(tmpdir(), 'sandbox-cli-'));
	transpile(source, out);
});
afterAll(() => {
	if (child && child.exitCode === null) child.kill('SIGKILL');
	rmSync(out, { recursive: true, force: true });
});

test('starts with demo users, prints what a credential needs, and stops cleanly on SIGTERM', async () => {
	child = spawn(process.execPath, [path.join(out, 'cli.js'), '--port', '0', '--seed', '25', '--latency', '0', '--rate', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stderr!.on('data', (chunk) => (output += chunk));
	await new Promise<void>((resolve, reject) => {
		child!.stdout!.on('data', (chunk) => {
			output += chunk;
			if (output.includes('Ctrl-C')) resolve();
		});
		child!.once('exit', (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
	});
	const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
	for (const expected of [`${url}/scim/directory/dir-sandbox-0001`, 'sandbox-directory-key-0001', 'org-sandbox-0001', 'sandbox-org-key-0001', `${url}/__sandbox/`]) {
		expect(output).toContain(expected);
	}
	const state = (await (await fetch(`${url}/__sandbox/state`)).json()) as any;
	const userNames = state.users.map((u: any) => u.userName);
	expect(userNames).toEqual(expect.arrayContaining(['user00025@example.com', 'ada.lovelace@example.com', 'grace.hopper@example.com']));
	expect(state.users).toHaveLength(25 + 8);
	expect(state.users.filter((u: any) => !u.active).length).toBeGreaterThanOrEqual(2);
	expect(state.groups.map((g: any) => g.displayName)).toEqual(['engineering', 'research']);
	const ada = await fetch(`${url}/scim/directory/dir-sandbox-0001/Users?filter=${encodeURIComponent('userName eq "ada.lovelace@example.com"')}`, {
		headers: { authorization: 'Bearer sandbox-directory-key-0001' },
	});
	expect(ada.headers.get('x-ratelimit-limit')).toBe('100');
	expect(((await ada.json()) as any).Resources[0].displayName).toBe('Ada Lovelace');
	const exit = new Promise<number | null>((resolve) => child!.once('exit', resolve));
	child.kill('SIGTERM');
	expect(await exit).toBe(0);
	await expect(fetch(`${url}/__sandbox/stats`)).rejects.toThrow();
});
