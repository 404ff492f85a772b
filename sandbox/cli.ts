// `npm run sandbox` (node .dev/sandbox/cli.js [--port 8787] [--seed 25] [--latency 0] [--rate 100]):
// the Atlassian sandbox on its own, with demo users and groups, until Ctrl-C / SIGTERM.
// Environment variables work too: PORT or SANDBOX_PORT, SANDBOX_SEED, SANDBOX_LATENCY, SANDBOX_RATE.
import { seedDemo } from './demo';
import { seedOrgDemo } from './org/seed';
import { startSandbox } from './index';

function option(name: string, fallback: number, ...envNames: string[]): number {
	const at = process.argv.indexOf(`--${name}`);
	const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
	const env = [`SANDBOX_${name.toUpperCase()}`, ...envNames].map((e) => process.env[e]).find((v) => v !== undefined && v !== '');
	const text = inline ? inline.slice(name.length + 3) : at >= 0 ? process.argv[at + 1] : env;
	if (text === undefined) return fallback;
	const value = Number(text);
	if (!Number.isFinite(value) || value < 0) {
		console.error(`--${name} must be a number >= 0 (got ${text})`);
		process.exit(2);
	}
	return value;
}

async function main() {
	const rate = option('rate', 0);
	const sandbox = await startSandbox({
		port: option('port', 8787, 'PORT'),
		latencyMs: option('latency', 0),
		seedUsers: option('seed', 0),
		rateLimit: rate > 0 ? { requestsPerSecond: rate } : null,
	});
	const demo = seedDemo(sandbox);
	seedOrgDemo(sandbox);
	const users = sandbox.store.users(sandbox.directoryId);
	console.log(`Atlassian sandbox listening on ${sandbox.url}
  ${users.length} users (${users.filter((u) => !u.active).length} deactivated), ${demo.groups} groups; demo users such as ada.lovelace@example.com
  ${rate > 0 ? `rate limit ${rate} requests/s` : 'no rate limit'}, latency ${option('latency', 0)} ms

  Atlassian SCIM API credential
    Directory base URL   ${sandbox.scimBaseUrl}
    Directory API key    ${sandbox.directoryKey}

  Atlassian Organization API credential
    Organization ID      ${sandbox.orgId}
    Organization API key ${sandbox.orgKey}
    API base URL         ${sandbox.url}

  Control API            ${sandbox.url}/__sandbox/  (GET state, GET stats, POST reset, POST configure, POST faults, DELETE faults)

Ctrl-C stops it.`);
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: stopping the sandbox`);
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
