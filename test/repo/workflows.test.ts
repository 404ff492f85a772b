/**
 * The GitHub Actions workflows cannot run here, so they are checked as far as a file can be: valid YAML (no
 * duplicate keys), the shape GitHub's workflow schema requires, pinned actions, and the steps CI and a release must
 * take (the same commands as .ci/run; a provenance publish with the OIDC permission it needs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}
interface Job {
	'runs-on': string;
	steps: Step[];
	/** A job that runs a reusable workflow instead of steps. */
	uses?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	'timeout-minutes'?: number;
}
interface Workflow {
	name: string;
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const TOP_KEYS = new Set(['name', 'run-name', 'on', 'permissions', 'env', 'defaults', 'concurrency', 'jobs']);
const JOB_KEYS = new Set(['name', 'runs-on', 'needs', 'if', 'permissions', 'environment', 'concurrency', 'outputs', 'env', 'defaults', 'steps', 'timeout-minutes', 'strategy', 'continue-on-error', 'container', 'services']);
const STEP_KEYS = new Set(['id', 'if', 'name', 'uses', 'run', 'shell', 'with', 'env', 'continue-on-error', 'timeout-minutes', 'working-directory']);
const EVENTS = new Set(['push', 'pull_request', 'workflow_dispatch', 'workflow_call', 'schedule', 'release']);
const CALL_JOB_KEYS = new Set(['name', 'uses', 'with', 'secrets', 'needs', 'if', 'permissions', 'concurrency', 'strategy']);
const PERMISSION_VALUES = new Set(['read', 'write', 'none']);

function load(file: string): Workflow {
	const doc = parseDocument(fs.readFileSync(path.join(DIR, file), 'utf8'), { uniqueKeys: true, prettyErrors: true });
	if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('\n')}`);
	return doc.toJS() as Workflow;
}

/** The structural rules of GitHub's workflow schema that a typo would break. */
function schemaProblems(file: string, wf: Workflow): string[] {
	const problems: string[] = [];
	for (const key of Object.keys(wf)) if (!TOP_KEYS.has(key)) problems.push(`${file}: unknown top-level key "${key}"`);
	if (typeof wf.name !== 'string') problems.push(`${file}: name must be a string`);
	if (!wf.on || typeof wf.on !== 'object') problems.push(`${file}: "on" must map events`);
	else for (const event of Object.keys(wf.on)) if (!EVENTS.has(event)) problems.push(`${file}: unknown event "${event}"`);
	for (const [scope, value] of Object.entries(wf.permissions ?? {})) if (!PERMISSION_VALUES.has(value)) problems.push(`${file}: permission ${scope}: ${value}`);
	if (!wf.jobs || !Object.keys(wf.jobs).length) problems.push(`${file}: no jobs`);
	for (const [id, job] of Object.entries(wf.jobs ?? {})) {
		if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(id)) problems.push(`${file}: job id "${id}"`);
		if (job.uses !== undefined) {
			for (const key of Object.keys(job)) if (!CALL_JOB_KEYS.has(key)) problems.push(`${file}: job ${id}: unknown key "${key}" for a job that calls a workflow`);
			if (!/^\.\/\.github\/workflows\/[\w.-]+\.ya?ml$/.test(job.uses) || !fs.existsSync(path.join(ROOT, job.uses))) problems.push(`${file}: job ${id}: calls ${job.uses}, not a workflow of this repository`);
			continue;
		}
		for (const key of Object.keys(job)) if (!JOB_KEYS.has(key)) problems.push(`${file}: job ${id}: unknown key "${key}"`);
		if (typeof job['runs-on'] !== 'string') problems.push(`${file}: job ${id}: runs-on`);
		if (typeof job['timeout-minutes'] !== 'number') problems.push(`${file}: job ${id}: no timeout-minutes`);
		for (const [scope, value] of Object.entries(job.permissions ?? {})) if (!PERMISSION_VALUES.has(value)) problems.push(`${file}: job ${id}: permission ${scope}: ${value}`);
		if (!Array.isArray(job.steps) || !job.steps.length) problems.push(`${file}: job ${id}: no steps`);
		for (const [n, step] of (job.steps ?? []).entries()) {
			for (const key of Object.keys(step)) if (!STEP_KEYS.has(key)) problems.push(`${file}: job ${id} step ${n}: unknown key "${key}"`);
			if ((step.uses === undefined) === (step.run === undefined)) problems.push(`${file}: job ${id} step ${n}: needs exactly one of uses and run`);
			if (step.uses !== undefined && !/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/.test(step.uses)) problems.push(`${file}: job ${id} step ${n}: unpinned action ${step.uses}`);
			if (step.run !== undefined && typeof step.run !== 'string') problems.push(`${file}: job ${id} step ${n}: run must be a string`);
		}
	}
	return problems;
}

const runs = (job: Job) => job.steps.filter((s) => s.run).map((s) => String(s.run).trim());
const nodeVersion = (job: Job) => job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version'];

test('every workflow file is valid YAML with the shape GitHub requires', () => {
	const files = fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));
	expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
	expect(files.flatMap((f) => schemaProblems(f, load(f)))).toEqual([]);
});

test('the schema check catches what it is meant to catch', () => {
	const broken = {
		name: 'x',
		on: { pushh: {} },
		jobs: { 'a b': { 'runs-on': 'ubuntu-24.04', steps: [{ uses: 'actions/checkout@main', run: 'x' }, { runs: 'npm test' }] } },
	} as unknown as Workflow;
	const problems = schemaProblems('broken.yml', broken);
	expect(problems).toEqual(
		expect.arrayContaining([
			'broken.yml: unknown event "pushh"',
			'broken.yml: job id "a b"',
			'broken.yml: job a b: no timeout-minutes',
			'broken.yml: job a b step 0: needs exactly one of uses and run',
			'broken.yml: job a b step 0: unpinned action actions/checkout@main',
			'broken.yml: job a b step 1: unknown key "runs"',
		]),
	);
});

test('CI runs on every push and pull request, with the steps of .ci/run (Node 20; the e2e job installs Node 24)', () => {
	const ci = load('ci.yml');
	expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
	expect(ci.permissions).toEqual({ contents: 'read' });
	const ciRun = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
	const steps = Object.values(ci.jobs).flatMap(runs);
	for (const command of ['npm ci', 'npm test', 'npm run test:e2e']) {
		expect(ciRun).toContain(`\n${command}\n`);
		expect(steps).toContain(command);
	}
	for (const job of Object.values(ci.jobs)) expect(nodeVersion(job)).toBe(20);
	expect(steps.filter((s) => s.startsWith('npm run ')).map((s) => s.slice('npm run '.length)).filter((s) => !scripts[s])).toEqual([]);
});

test('a version tag builds, lints, tests and publishes with provenance', () => {
	const release = load('release.yml');
	expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
	expect(release.permissions).toEqual({ contents: 'read' });
	const job = release.jobs.publish;
	expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
	expect(nodeVersion(job)).toBe(20);
	expect(job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['registry-url']).toBe('https://registry.npmjs.org');
	const commands = runs(job);
	const order = ['npm ci', 'npm test', 'npm publish --provenance --access public'].map((c) => commands.indexOf(c));
	expect(order.every((i) => i >= 0)).toBe(true);
	expect([...order].sort((a, b) => a - b)).toEqual(order);
	// `npm test` builds and lints: the publish ships what was tested.
	expect(scripts.test).toMatch(/^npm run build && .*npm run lint && jest$/);
	// The checks before publishing: tag = version, repository = this repository.
	const checks = commands.slice(0, order[0]).join('\n');
	expect(checks).toContain('$GITHUB_REF_NAME');
	expect(checks).toContain('$GITHUB_REPOSITORY');
});

test('the release runs every CI job (end-to-end and queue-mode tests among them) before it publishes', () => {
	const release = load('release.yml');
	const ci = load('ci.yml');
	const calls = Object.entries(release.jobs).filter(([, job]) => job.uses === './.github/workflows/ci.yml');
	expect(calls).toHaveLength(1);
	const [[ciJob]] = calls;
	expect(release.jobs.publish.needs === ciJob || (Array.isArray(release.jobs.publish.needs) && release.jobs.publish.needs.includes(ciJob))).toBe(true);
	const ciCommands = Object.values(ci.jobs).flatMap(runs);
	expect(ciCommands).toEqual(expect.arrayContaining(['npm test', 'npm run test:e2e', 'npm run test:queue']));
});

test('the workflow that can mint a signing token, and the CI it calls, pin every action by commit SHA', () => {
	const unpinned = ['release.yml', 'ci.yml'].flatMap((file) =>
		Object.values(load(file).jobs)
			.flatMap((job) => job.steps ?? [])
			.filter((step) => step.uses !== undefined && !/@[0-9a-f]{40}$/.test(step.uses))
			.map((step) => `${file}: ${step.uses}`),
	);
	expect(unpinned).toEqual([]);
	expect(Object.values(load('release.yml').jobs).some((job) => job.permissions?.['id-token'] === 'write')).toBe(true);
});

test('a publish builds and lints afresh although .npmrc skips scripts: publishConfig turns them on, prepack builds', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publishConfig?: Record<string, unknown>; scripts: Record<string, string> };
	expect(fs.readFileSync(path.join(ROOT, '.npmrc'), 'utf8')).toMatch(/^ignore-scripts=true$/m);
	expect(pkg.publishConfig?.['ignore-scripts']).toBe(false);
	expect(pkg.scripts.prepack.split(' && ').slice(0, 2)).toEqual(['npm run build', 'npm run lint']);
});
