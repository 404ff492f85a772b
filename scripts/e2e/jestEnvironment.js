// The jest environment of the end-to-end tests: Node's, plus one thing. When a test or a hook fails, the error gets
// what n8n said while it ran (scripts/e2e/n8n.ts keeps a transcript of every CLI run and server: exit code, the
// run's status and error, the last lines of its output), so a failed `expect(result.exitCode).toBe(0)` says why.
const { TestEnvironment } = require('jest-environment-node');

class E2eEnvironment extends TestEnvironment {
	since = 0;

	transcript() {
		return this.global.__n8nTranscript__ ?? [];
	}

	handleTestEvent(event) {
		if (event.name === 'test_start' || event.name === 'hook_start') this.since = Date.now();
		if (event.name === 'test_fn_failure' || event.name === 'hook_failure') {
			const entries = this.transcript().filter((entry) => entry.at >= this.since);
			// Nothing from n8n during the failing part (e.g. an assertion on the sandbox): show the latest entry.
			const shown = entries.length ? entries : this.transcript().slice(-1);
			if (!shown.length) return;
			const text = shown.map((entry) => [`--- ${entry.title}`, ...entry.lines].join('\n')).join('\n');
			const note = `\n\nWhat n8n said during this ${event.name === 'hook_failure' ? 'hook' : 'test'}:\n${text}\n`;
			if (event.error && typeof event.error === 'object') event.error.message = `${event.error.message}${note}`;
			// jest reports a test timeout as a plain string, which cannot carry the note: print it beside.
			else process.stderr.write(`${event.test?.name ?? event.hook?.type ?? 'e2e'}: ${String(event.error).split('\n')[0]}${note}`);
		}
	}
}

module.exports = E2eEnvironment;
