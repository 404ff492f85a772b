/**
 * index.js (`main`) exports the node and credential classes that package.json's "n8n" section lists, and the
 * published package can be required by name: packed as npm packs it, installed beside n8n-workflow.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	main: string;
	files: string[];
	n8n: { nodes: string[]; credentials: string[] };
};

/** The classes each file of the "n8n" section exports, by name, as n8n loads them. */
function listed(): Map<string, unknown> {
	const classes = new Map<string, unknown>();
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		for (const [name, value] of Object.entries(jest.requireActual<Record<string, unknown>>(path.join(ROOT, file)))) {
			if (typeof value === 'function') classes.set(name, value);
		}
	}
	return classes;
}

test('main is index.js, it is in "files", and it exports exactly the classes the "n8n" section lists', () => {
	expect(pkg.main).toBe('index.js');
	expect(pkg.files).toContain('index.js');
	const exported = jest.requireActual<Record<string, unknown>>(path.join(ROOT, 'index.js'));
	const classes = listed();
	expect(classes.size).toBe(5);
	expect(Object.keys(exported).sort()).toEqual([...classes.keys()].sort());
	for (const [name, value] of classes) expect(exported[name]).toBe(value);
});

test('require("n8n-nodes-atlassian-user-provisioning") works from the packed tarball', () => {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'entry-point-'));
	try {
		// As lint-tarball.js packs: the tarball npm would publish, without running prepack again.
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--dry-run=false', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }),
		) as Array<{ filename: string }>;
		const installed = path.join(work, 'node_modules', pkg.name);
		fs.mkdirSync(installed, { recursive: true });
		execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', installed, '--strip-components=1']);
		// n8n provides n8n-workflow (the package's only peer dependency); nothing else is installed.
		fs.symlinkSync(path.join(ROOT, 'node_modules', 'n8n-workflow'), path.join(work, 'node_modules', 'n8n-workflow'), 'dir');
		const script = `const m = require(${JSON.stringify(pkg.name)}); console.log(JSON.stringify(Object.entries(m).map(([k, v]) => [k, typeof v, new v().description?.name ?? new v().name])));`;
		const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: work, encoding: 'utf8' })) as Array<[string, string, string]>;
		expect(out.map(([name, type]) => `${name}: ${type}`).sort()).toEqual([...listed().keys()].map((name) => `${name}: function`).sort());
		expect(out.map(([, , type]) => type).sort()).toEqual(['atlassianOrganizationApi', 'atlassianScimApi', 'atlassianUserProvisioning', 'atlassianUserProvisioningAuditLogTrigger', 'atlassianUserProvisioningTrigger']);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
});
