import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface RemoteSandbox {
	url: string;
	scimBaseUrl: string;
	directoryId: string;
	directoryKey: string;
	orgId: string;
	orgKey: string;
	control(method: string, route: string, body?: unknown): Promise<any>;
	stop(): Promise<void>;
}

/** Starts bench/sandboxProcess in a child process and talks to it over its /__sandbox control API. */
export async function spawnSandbox(seedUsers: number, latencyMs: number): Promise<RemoteSandbox> {
	const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'sandboxProcess.js'), String(seedUsers), String(latencyMs)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	const line = await new Promise<string>((resolve, reject) => {
		readline.createInterface({ input: child.stdout! }).once('line', resolve);
		child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
	});
	const info = JSON.parse(line);
	return {
		...info,
		async control(method: string, route: string, body?: unknown) {
			const response = await fetch(`${info.url}/__sandbox/${route}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			return text ? JSON.parse(text) : undefined;
		},
		async stop() {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		},
	};
}
