// Lints what `npm pack` would publish (the compiled JS and package.json) with the same rules as the source,
// the way n8n's community-package scanner does. Run after `npm run build`.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

async function main() {
	const root = path.resolve(__dirname, '..');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-tarball-'));
	try {
		const [packed] = JSON.parse(
			// --dry-run=false and --ignore-scripts: when `npm publish --dry-run` runs this (prepack → lint), the publish's
			// settings reach this npm through the environment; the tarball must still be written, and prepack not run again.
			execFileSync('npm', ['pack', '--json', '--dry-run=false', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
		);
		const dir = path.join(work, 'package');
		fs.mkdirSync(dir);
		execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', dir, '--strip-components=1']);
		const { ESLint } = require('eslint');
		const { scanConfig } = await import(pathToFileURL(path.join(root, 'eslint.config.mjs')).href);
		const eslint = new ESLint({
			cwd: dir,
			overrideConfigFile: true,
			allowInlineConfig: false,
			overrideConfig: scanConfig,
		});
		// The scanner's tarball leg: every published .js file and package.json.
		const results = await eslint.lintFiles(['**/*.js', 'package.json']);
		const formatter = await eslint.loadFormatter('stylish');
		const text = formatter.format(results);
		const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
		if (text) console.log(text);
		console.log(`tarball lint: ${results.length} files, ${packed.entryCount} entries packed, ${problems} problems`);
		if (problems > 0) process.exitCode = 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
