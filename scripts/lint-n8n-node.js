// Runs n8n's own checker, `n8n-node lint` (@n8n/node-cli), the way n8n's verification guidelines ask, on the sources
// that ship (nodes/, credentials/, package.json, tsconfig.json) with n8n's unmodified template eslint.config.mjs.
//
// Why not in the repository root: `n8n-node lint` runs `eslint .` over the whole folder, and with "strict": true in
// package.json it requires eslint.config.mjs to be byte for byte its template. This repository also holds tests, the
// sandbox and scripts, which the node rules do not fit (they are Node.js programs: process, timers, any module), so
// its eslint.config.mjs adds a configuration for them and n8n-node's strict check would refuse it. A folder holding
// exactly what a package made with `n8n-node new` holds gives n8n-node lint what it expects, rule for rule.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
// The package's exports do not include package.json: find its folder from the ESLint config it does export.
const cli = path.resolve(require.resolve('@n8n/node-cli/eslint', { paths: [root] }), '..', '..', '..');
const template = path.join(cli, 'dist', 'template', 'templates', 'shared', 'default', 'eslint.config.mjs');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-n8n-node-'));
try {
	for (const entry of ['nodes', 'credentials', 'package.json', 'tsconfig.json']) {
		fs.cpSync(path.join(root, entry), path.join(work, entry), { recursive: true });
	}
	fs.copyFileSync(template, path.join(work, 'eslint.config.mjs'));
	fs.symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
	execFileSync(process.execPath, [path.join(cli, 'bin', 'n8n-node.mjs'), 'lint'], {
		cwd: work,
		stdio: 'inherit',
		env: { ...process.env, FORCE_COLOR: '0' },
	});
	console.log('n8n-node lint: no problems (nodes/, credentials/, package.json with the template eslint.config.mjs)');
} catch (error) {
	if (typeof error.status === 'number') {
		console.error(`n8n-node lint failed (exit ${error.status}); the problems are listed above`);
		process.exitCode = 1;
	} else {
		throw error;
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
