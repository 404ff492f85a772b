// n8n in queue mode for the queue tests and the benchmark: Redis and PostgreSQL (from Debian's packages, installed by
// setup-queue.sh) as processes of our own on free loopback ports, one n8n main instance and N workers
// (`n8n worker`), all sharing one user folder with the package installed from its tarball, one database and one
// encryption key. Every process is started by us and stopped by its process id, also when a test fails.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { N8n, N8N_BIN, NODE24_BIN, freePort, type Server } from './n8n';

const DB_PASSWORD = 'n8n-queue-test-pw';

/** A process we started; `stop` sends `signal` and waits for it to exit (SIGKILL after `graceMs`). */
export interface Proc {
	name: string;
	child: ChildProcess;
	/** the last lines it printed */
	recent: string[];
	/** everything it printed, for assertions on log lines */
	output: () => string;
	stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

const started = new Set<ChildProcess>();
// Plain node runs (the benchmark) run exit handlers; jest does not, so the tests call cluster.stop() in afterAll.
process.once('exit', () => {
	for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function launch(name: string, command: string, args: string[], options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Proc {
	const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
	started.add(child);
	child.once('exit', () => started.delete(child));
	const recent: string[] = [];
	const all: string[] = [];
	const forward = (chunk: Buffer) => {
		for (const line of chunk.toString().split('\n')) {
			if (!line.trim()) continue;
			all.push(line);
			recent.push(line);
			if (recent.length > 60) recent.shift();
			options.log?.(`[${name}] ${line}`);
		}
	};
	child.stdout?.on('data', forward);
	child.stderr?.on('data', forward);
	const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve();
			});
			child.kill(signal);
		});
	};
	return { name, child, recent, output: () => all.join('\n'), stop };
}

async function waitFor(what: string, proc: Proc, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
	const since = Date.now();
	for (;;) {
		if (await check().catch(() => false)) return;
		if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
			throw new Error(`${proc.name} exited (${proc.child.exitCode ?? proc.child.signalCode}) before ${what}:\n${proc.recent.join('\n')}`);
		}
		if (Date.now() - since > timeoutMs) throw new Error(`${proc.name}: no ${what} within ${timeoutMs} ms:\n${proc.recent.join('\n')}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => (socket.destroy(), resolve(false)));
	});
}

async function ready(url: string): Promise<boolean> {
	const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
	return response.ok;
}

function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres'))) : [];
	majors.sort((a, b) => Number(a) - Number(b));
	if (!majors.length) throw new Error('PostgreSQL is not installed: run npm run queue:setup (scripts/e2e/setup-queue.sh) first');
	return path.join(root, majors[majors.length - 1], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user (setpriv execs, so the process
 * id we hold is the postmaster's). */
function asPostgres(command: string, args: string[]): [string, string[]] {
	if (process.getuid?.() !== 0) return [command, args];
	return ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]];
}

export interface QueueOptions {
	workers?: number;
	/** each worker's --concurrency (n8n warns below 5) */
	concurrency?: number;
	/** more environment for every n8n process */
	extraEnv?: NodeJS.ProcessEnv;
	log?: (line: string) => void;
}

/**
 * Redis + PostgreSQL + one n8n user folder in queue mode. `start()` brings up the services; import credentials and
 * workflows with `n8n` (its CLI carries the queue environment) before `startMain()` and `startWorkers()`.
 */
export class QueueCluster {
	readonly workers: Proc[] = [];

	main?: Server;

	private services: Proc[] = [];

	private constructor(
		readonly dir: string,
		readonly n8n: N8n,
		readonly pgPort: number,
		private readonly pgSocket: string,
		private readonly options: QueueOptions,
	) {}

	static async start(name: string, options: QueueOptions = {}): Promise<QueueCluster> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-${name}-`));
		const [redisPort, pgPort] = [await freePort(), await freePort()];
		const services: Proc[] = [];
		try {
			fs.mkdirSync(path.join(dir, 'redis'));
			const redis = launch('redis', 'redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', path.join(dir, 'redis'), '--logfile', ''], { log: options.log });
			services.push(redis);
			await waitFor('PONG', redis, async () => await redisPing(redisPort), 15_000);

			const bin = postgresBin();
			const data = path.join(dir, 'pg', 'data');
			const socket = path.join(dir, 'pg', 'sock');
			fs.mkdirSync(data, { recursive: true });
			fs.mkdirSync(socket, { recursive: true });
			fs.chmodSync(data, 0o700);
			if (process.getuid?.() === 0) {
				const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
				const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
				// The postgres user must reach its folders: the temp folder is ours (0700 from mkdtemp).
				fs.chmodSync(dir, 0o755);
				for (const p of [path.join(dir, 'pg'), data, socket]) fs.chownSync(p, uid, gid);
			}
			const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
			execFileSync(initCmd, initArgs, { stdio: 'pipe' });
			// fsync off: a throwaway database for tests only.
			const [pgCmd, pgArgs] = asPostgres(path.join(bin, 'postgres'), [
				'-D', data, '-p', String(pgPort), '-k', socket, '-c', 'listen_addresses=127.0.0.1',
				'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
			]);
			const postgres = launch('postgres', pgCmd, pgArgs, { log: options.log });
			// SIGINT is PostgreSQL's fast shutdown.
			const stopPg = postgres.stop;
			postgres.stop = async (signal = 'SIGINT', graceMs) => await stopPg(signal, graceMs);
			services.push(postgres);
			const psqlSocket = (sql: string) => execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', socket, '-p', String(pgPort), '-U', 'postgres', '-d', 'postgres', '-c', sql], { stdio: 'pipe' });
			await waitFor('database', postgres, async () => (psqlSocket('select 1'), true), 30_000);
			psqlSocket(`CREATE ROLE n8n LOGIN PASSWORD '${DB_PASSWORD}'`);
			psqlSocket('CREATE DATABASE n8n OWNER n8n');

			const env: NodeJS.ProcessEnv = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: '127.0.0.1',
				DB_POSTGRESDB_PORT: String(pgPort),
				DB_POSTGRESDB_DATABASE: 'n8n',
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_PASSWORD: DB_PASSWORD,
				// Manual runs go to the workers too (the 2.41 default still runs them in main, deprecated).
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				// Test workflows record which process ran them ($env.QUEUE_TEST_WORKER_NAME).
				N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
				QUEUE_TEST_WORKER_NAME: 'main',
				...options.extraEnv,
			};
			const n8n = await N8n.create(`queue-${name}`, env);
			const cluster = new QueueCluster(dir, n8n, pgPort, socket, options);
			cluster.services = services;
			return cluster;
		} catch (error) {
			for (const service of services.reverse()) await service.stop();
			fs.rmSync(dir, { recursive: true, force: true });
			throw error;
		}
	}

	/** `n8n start` (main: editor, webhooks, triggers and pollers); resolves at /healthz/readiness. */
	async startMain(): Promise<Server> {
		this.main = await this.n8n.start(this.options.log ? (line) => this.options.log!(`[main] ${line}`) : undefined);
		return this.main;
	}

	/** Starts `count` more workers at once and waits until each answers /healthz/readiness. */
	async startWorkers(count = this.options.workers ?? 2): Promise<Proc[]> {
		const fresh: Proc[] = [];
		for (let i = 0; i < count; i++) {
			const index = this.workers.length + 1;
			const healthPort = await freePort();
			const env = {
				...this.n8n.env,
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				// Each process needs its own task-broker port, and its own event-log file in the shared user folder.
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-w${index}`,
				QUEUE_TEST_WORKER_NAME: `worker${index}`,
			};
			const worker = launch(`worker${index}`, path.join(NODE24_BIN, 'node'), [N8N_BIN, 'worker', `--concurrency=${this.options.concurrency ?? 5}`], { env, log: this.options.log });
			(worker as Proc & { healthPort: number }).healthPort = healthPort;
			this.workers.push(worker);
			fresh.push(worker);
		}
		await Promise.all(
			fresh.map(async (worker) => {
				const port = (worker as Proc & { healthPort: number }).healthPort;
				await waitFor('readiness', worker, async () => await ready(`http://127.0.0.1:${port}/healthz/readiness`), 300_000);
			}),
		);
		return fresh;
	}

	/** Rows of a query on n8n's database, as arrays of strings (psql's unaligned output). */
	query(sql: string): string[][] {
		const out = execFileSync('psql', ['-X', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-h', this.pgSocket, '-p', String(this.pgPort), '-U', 'postgres', '-d', 'n8n', '-c', sql], { encoding: 'utf8' });
		return out.split('\n').filter(Boolean).map((line) => line.split('\t'));
	}

	/** Workers first (each waits for its running executions), then main, then PostgreSQL and Redis; removes the folder. */
	async stop(keepFolder = false): Promise<void> {
		await Promise.all(this.workers.map(async (w) => await w.stop()));
		await this.n8n.stop();
		for (const service of [...this.services].reverse()) await service.stop();
		if (!keepFolder) {
			fs.rmSync(this.dir, { recursive: true, force: true });
			this.n8n.cleanup();
		}
	}
}
