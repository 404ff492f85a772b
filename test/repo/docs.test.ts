/**
 * Comments cite the project's own docs (docs/atlassian-api.md §N), never a document the repository does not hold.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const DOC = 'docs/atlassian-api.md';

function sources(): string[] {
	const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
	return out.split('\n').filter((f) => /\.(ts|js|mjs|md|sh|yml)$/.test(f) && fs.existsSync(path.join(ROOT, f)));
}

test(`every "${DOC} §N" cited in the code names a section the page has`, () => {
	const sections = new Set([...fs.readFileSync(path.join(ROOT, DOC), 'utf8').matchAll(/^## §(\d+) /gm)].map((m) => m[1]));
	expect(sections.size).toBeGreaterThanOrEqual(8);
	const cites: string[] = [];
	const broken: string[] = [];
	for (const file of sources()) {
		const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
		for (const match of text.matchAll(/atlassian-api\.md\)?`? (§\d+(?:, §\d+)*)/g)) {
			for (const n of match[1].match(/\d+/g) ?? []) {
				cites.push(`${file} §${n}`);
				if (!sections.has(n)) broken.push(`${file}: §${n}`);
			}
		}
	}
	expect(cites.length).toBeGreaterThanOrEqual(25);
	expect(broken).toEqual([]);
});

test('no file cites notes that are not in the repository', () => {
	const outside = /api-notes|API notes|\/work\/shared|org-admin-api-notes/;
	const hits = sources()
		.filter((f) => f !== 'test/repo/docs.test.ts')
		.flatMap((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').map((line, i) => ({ file, line, n: i + 1 })))
		.filter(({ line }) => outside.test(line))
		.map(({ file, n, line }) => `${file}:${n}: ${line.trim()}`);
	expect(hits).toEqual([]);
});

test(`comments in nodes/ hold no public URLs: they are in ${DOC}'s Sources, cited by key, and every key cited is there`, () => {
	const doc = fs.readFileSync(path.join(ROOT, DOC), 'utf8');
	const keys = new Set([...doc.matchAll(/^\| \[([\w-]+)\] \| https?:\/\//gm)].map((m) => m[1]));
	expect(keys.size).toBeGreaterThan(20);
	const urls: string[] = [];
	const unknown: string[] = [];
	let cited = 0;
	for (const file of sources().filter((f) => f.startsWith('nodes/') && f.endsWith('.ts'))) {
		fs.readFileSync(path.join(ROOT, file), 'utf8')
			.split('\n')
			.forEach((line, i) => {
				const comment = /^\s*(\*|\/\/|\/\*\*)/.test(line) ? line : (/\/\/ .*$/.exec(line)?.[0] ?? '');
				if (/https?:\/\//.test(comment)) urls.push(`${file}:${i + 1}: ${line.trim()}`);
				for (const cite of comment.matchAll(/atlassian-api\.md[^)]*?\[([\w-]+)\]/g)) {
					cited++;
					if (!keys.has(cite[1])) unknown.push(`${file}:${i + 1}: [${cite[1]}]`);
				}
			});
	}
	expect(urls).toEqual([]);
	expect(unknown).toEqual([]);
	expect(cited).toBeGreaterThanOrEqual(5);
});

describe('README.md, which is also the npm page', () => {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

	test("starts with the user, in the order of n8n's starter template, and ends with development", () => {
		const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
		expect(headings).toEqual(['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage and examples', 'Development', 'License']);
	});

	test('the two commands sit under one heading at the top of the development part', () => {
		const development = readme.slice(readme.indexOf('\n## Development\n'));
		const first = /^### (.+)\n([\s\S]*?)(?=^#{2,4} )/m.exec(development);
		expect(first?.[1]).toMatch(/two commands/i);
		expect(first?.[2]).toMatch(/^npm start\b/m);
		expect(first?.[2]).toMatch(/^npm test\b/m);
	});

	test('every file it links to exists, the performance and queue-mode figures among them', () => {
		const links = [...readme.matchAll(/\]\(((?!https?:|#)[^)\s]+)\)/g)].map((m) => m[1]);
		expect(links).toEqual(expect.arrayContaining(['docs/performance.md', 'docs/queue-mode.md']));
		expect(links.filter((link) => !fs.existsSync(path.join(ROOT, link)))).toEqual([]);
	});
});
