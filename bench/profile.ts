// `node .dev/bench/profile.js [variant...]`: runs bench cases once each in a real n8n under `--cpu-prof` and prints,
// per item, where the n8n process spent its CPU (self time by function, and the time inside a few n8n entry points).
// For finding per-item costs; `npm run bench` is what measures speed. PROFILE_NODE_OPTIONS adds options to the n8n
// process (e.g. `--require` of a script that counts calls; lines it prints starting with "[count]" are shown).
import fs from 'node:fs';
import path from 'node:path';

import { N8n } from '../scripts/e2e/n8n';
import { N, workflow as benchWorkflow, type Variant } from './n8n';
import { spawnSandbox } from './sandboxClient';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

/** Frames whose inclusive time is reported: n8n's parameter and expression entry points, and the node's own code. */
const WATCHED = [
	'_getNodeParameter',
	'getParameterValue',
	'resolveSimpleParameterValue',
	'getDataProxy',
	'evalClosureSync',
	'validateValueAgainstSchema',
	'cleanupParameterData',
	'extractValue',
	'readAttributes',
	'execute',
];

function frameName(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\//, '');
	return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function analyse(file: string, items: number) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const self = new Map<string, number>();
	const inclusive = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, i) => {
		const us = profile.timeDeltas[i + 1] ?? 0;
		total += us;
		const leaf = byId.get(id)!;
		self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + us);
		const seen = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
			const fn = byId.get(at)!.callFrame.functionName;
			const key = WATCHED.includes(fn) ? `${fn} (${frameName(byId.get(at)!).split(' ')[1]?.replace(/:\d+$/, '') ?? ''})` : undefined;
			if (key && !seen.has(key)) {
				seen.add(key);
				inclusive.set(key, (inclusive.get(key) ?? 0) + us);
			}
		}
	});
	const perItem = (us: number) => `${(us / 1000 / items).toFixed(3)} ms`;
	const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 20);
	console.log(`  whole process: ${(total / 1e6).toFixed(2)} s CPU sampled`);
	console.log('  top self time, per item:');
	for (const [name, us] of top) console.log(`    ${perItem(us)}  ${name}`);
	console.log('  inside (inclusive), per item:');
	for (const [name, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`    ${perItem(us)}  ${name}`);
}

void (async () => {
	const variants = (process.argv.slice(2).length ? process.argv.slice(2) : ['node-expr2', 'http-header-expr2']) as Variant[];
	const sandbox = await spawnSandbox(N, 25);
	const n8n = await N8n.create('profile');
	try {
		await n8n.importCredentials([
			{ id: 'benchScim0000001', name: 'Sandbox SCIM', type: 'atlassianScimApi', data: { directoryBaseUrl: sandbox.scimBaseUrl, apiKey: sandbox.directoryKey } },
			{ id: 'benchHeader00001', name: 'Sandbox header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${sandbox.directoryKey}` } },
		]);
		const users = ((await sandbox.control('GET', 'state')).users as Array<{ id: string }>).slice(0, N);
		await sandbox.control('POST', 'configure', { rateLimit: null, latencyMs: 25 });
		for (const variant of variants) {
			const id = `profile${variant.replace(/-/g, '')}`;
			await n8n.importWorkflow(benchWorkflow(id, variant, sandbox, users));
			const dir = path.join(n8n.userFolder, `cpu-${variant}`);
			fs.mkdirSync(dir, { recursive: true });
			n8n.env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${dir} ${process.env.PROFILE_NODE_OPTIONS ?? ''}`;
			const result = await n8n.execute(id);
			for (const line of result.stdout.split('\n')) if (line.startsWith('[count]')) console.log(line);
			delete n8n.env.NODE_OPTIONS;
			const task = result.run?.data?.resultData?.runData?.Target?.[0];
			console.log(`${variant}: Target ran ${task ? Number(task.executionTime) / 1000 : Number.NaN} s (under the profiler)`);
			if (!task) console.log(`  the run failed: ${result.stdout.slice(-500)}`);
			// The largest profile is the n8n process's (the Code node's task runner writes a small one of its own).
			const files = fs.readdirSync(dir).map((f) => path.join(dir, f));
			const main = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
			if (process.env.PROFILE_KEEP) fs.copyFileSync(main, path.join(process.env.PROFILE_KEEP, `${variant}.cpuprofile`));
			analyse(main, N);
		}
	} finally {
		await sandbox.stop();
		n8n.cleanup();
	}
})();
