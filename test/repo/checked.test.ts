/**
 * Every TypeScript file is type-checked (`npm run typecheck`: tsconfig.dev.json, tests and tooling included; ts-jest
 * only transpiles) and linted (`eslint .`), so neither may silently leave a file out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The repository's files as git knows them (tracked and new, not ignored). */
function repoFiles(ext: string): string[] {
	const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', `*${ext}`], { cwd: ROOT, encoding: 'utf8' });
	return out.split('\n').filter((f) => f && fs.existsSync(path.join(ROOT, f)));
}

/** The folders a tsconfig `include` entry such as "test/**\/*.ts" or "nodes/**\/*" names. */
function includedFolder(pattern: string): string {
	const match = /^([\w-]+)\/\*\*\/\*(\.ts)?$/.exec(pattern);
	if (!match) throw new Error(`tsconfig include pattern not understood by this test: ${pattern}`);
	return match[1];
}

test('tsconfig.dev.json (npm run typecheck) includes every TypeScript file in the repository', () => {
	const config = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.dev.json'), 'utf8')) as { include: string[] };
	const folders = new Set(config.include.map(includedFolder));
	const files = repoFiles('.ts');
	expect(files.length).toBeGreaterThan(100);
	expect(files.filter((f) => !folders.has(f.split('/')[0]))).toEqual([]);
});

test('npm test type-checks: the typecheck script runs tsc without emitting, on tsconfig.dev.json', () => {
	const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
	expect(scripts.typecheck).toBe('tsc -p tsconfig.dev.json --noEmit');
	expect(scripts.test.split(' && ')).toEqual(['npm run build', 'npm run typecheck', 'npm run lint', 'jest']);
	expect(scripts.lint.split(' && ')[0]).toBe('eslint . --max-warnings 0');
	// test:fast is the same loop without type-checking the tests and without the fault campaign.
	expect(scripts['test:fast']).toBe('npm run build && npm run lint && jest --testPathIgnorePatterns=/test/hardening/campaign');
	expect(fs.existsSync(path.join(ROOT, 'test', 'hardening', 'campaign.test.ts'))).toBe(true);
});
