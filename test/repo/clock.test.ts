/**
 * The rule: no test asserts how long something took by the wall clock. On a busy machine (two cores shared with
 * other jobs) an upper bound fails now and then with nothing wrong, and a test that fails at random teaches people to
 * ignore failures; a lower bound proves little more than that the machine was slow. A test proves the property with counts, ordering or in-flight checks
 * instead (requests counted, max in flight, the order of the sandbox's log, jest's fake timers for the sandbox's own
 * clock), and speed claims are measured by the bench (`npm run bench`, bench/).
 *
 * A delay the code was asked to make is proved on jest's fake clock (nothing at 149 ms, the answer at 150 ms:
 * test/sandbox/client.ts `expectHeldFor`).
 *
 * Allowed: timestamps used as data (`Date.now() - 15 * 86400_000` as a date in the past), deadlines of a
 * wait loop (`if (Date.now() - started > timeoutMs) throw …`, which gives up rather than asserts), and durations that
 * are only printed.
 *
 * Flagged: `expect(<duration>).toBeLessThan(…)`, `.toBeGreaterThan(…)` and their `OrEqual` forms, where <duration> mentions
 * `Date.now()`, `performance.now()`, `hrtime`, `.getTime() -`, a reply's `.ms`, or a variable assigned a difference of
 * those (`const elapsed = Date.now() - started`).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const FOLDERS = ['test', 'test-e2e', 'test-queue'];

const CLOCK = /Date\.now\(\)|performance\.now\(\)|hrtime|\.getTime\(\)\s*-/;
const REPLY_MS = /\.ms\b/;
/** `name = … Date.now() - …` (or performance.now(), hrtime): a variable that holds a duration. */
const DURATION_VARIABLE = /\b(\w+)\s*=\s*[^;=\n]*?(?:Date\.now\(\)|performance\.now\(\)|hrtime[\w.]*\([^)]*\))\s*-/g;
const BOUND = /^\s*\.(?:not\.)?(toBeLessThan|toBeLessThanOrEqual|toBeGreaterThan|toBeGreaterThanOrEqual)\s*\(/;

/** The text between `expect(` at `open` and its matching `)`, and the index after it. */
function argumentOf(source: string, open: number): { text: string; end: number } | undefined {
	let depth = 0;
	for (let i = open; i < source.length; i++) {
		if (source[i] === '(') depth++;
		else if (source[i] === ')' && --depth === 0) return { text: source.slice(open + 1, i), end: i + 1 };
	}
	return undefined;
}

/** Each assertion of a wall-clock bound in a source file, as "line: text". */
export function clockBounds(source: string): string[] {
	const durations = new Set<string>();
	for (const match of source.matchAll(DURATION_VARIABLE)) durations.add(match[1]);
	const found: string[] = [];
	for (const match of source.matchAll(/\bexpect\s*\(/g)) {
		const argument = argumentOf(source, match.index + match[0].length - 1);
		if (!argument || !BOUND.test(source.slice(argument.end))) continue;
		const words = argument.text.match(/\w+/g) ?? [];
		if (CLOCK.test(argument.text) || REPLY_MS.test(argument.text) || words.some((w) => durations.has(w))) {
			const line = source.slice(0, match.index).split('\n').length;
			found.push(`${line}: ${source.slice(match.index, argument.end + 40).split('\n')[0]}`);
		}
	}
	return found;
}

function sources(folder: string): string[] {
	const dir = path.join(ROOT, folder);
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(folder, f));
}

test('no test in test/, test-e2e/ or test-queue/ asserts a wall-clock duration', () => {
	const files = FOLDERS.flatMap(sources).filter((f) => f !== path.join('test', 'repo', 'clock.test.ts'));
	expect(files.length).toBeGreaterThan(50);
	const found = files.flatMap((file) => clockBounds(fs.readFileSync(path.join(ROOT, file), 'utf8')).map((hit) => `${file}:${hit}`));
	expect(found).toEqual([]);
});

test('the scan flags the forms the rule forbids and lets the allowed ones through', () => {
	const flagged = [
		'const started = Date.now();\nawait run();\nexpect(Date.now() - started).toBeLessThan(4500);',
		'const elapsed = Date.now() - started;\nexpect(elapsed).toBeLessThanOrEqual(4500);',
		'seedMs = Date.now() - started;\nexpect(seedMs).toBeLessThan(3000);',
		'expect((await api.get("/x")).ms).toBeLessThan(150);',
		'const t = Number(process.hrtime.bigint() - began) / 1e6;\nexpect(t).toBeLessThan(first * 3);',
		'expect(mail.receivedAt.getTime() - changedAt).toBeLessThan(POLL + DELIVERY);',
		'expect(answer.ms).toBeGreaterThanOrEqual(145);',
		'const start = Date.now();\nawait pacer.acquire();\nexpect(Date.now() - start).toBeGreaterThanOrEqual(140);',
		'const ms = performance.now() - t0;\nexpect(ms).not.toBeLessThan(1); expect(ms).toBeLessThan(9);',
	];
	for (const source of flagged) expect(clockBounds(source)).not.toEqual([]);
	const allowed = [
		'expect(reset).toBeLessThanOrEqual(Date.now() + 1000);',
		'expect(size).toBeLessThan(1_500_000);',
		"const late = record('X', [], { time: new Date(Date.now() - 10 * 60_000) });\nexpect(late.id).toBeDefined();",
		'if (Date.now() - started > timeoutMs) throw new Error("timed out");\nexpect(count).toBeLessThan(3);',
		'expect(Math.max(...refusals.values())).toBeLessThanOrEqual(2);',
	];
	for (const source of allowed) expect(clockBounds(source)).toEqual([]);
});
