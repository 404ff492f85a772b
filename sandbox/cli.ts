// `npm run sandbox`: the Atlassian sandbox on its own, seeded with demo users and groups, until Ctrl-C.
import { startSandbox } from './index';
import { seedDemo } from './demo';

function arg(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	const value = at >= 0 ? Number(process.argv[at + 1]) : Number(process.env[`SANDBOX_${name.toUpperCase()}`] ?? fallback);
	return Number.isFinite(value) ? value : fallback;
}

async function main() {
	const rate = arg('rate', 0);
	const sandbox = await startSandbox({
		port: arg('port', 8787),
		latencyMs: arg('latency', 0),
		seedUsers: arg('seed', 0),
		rateLimit: rate > 0 ? { requestsPerSecond: rate } : null,
	});
	const demo = seedDemo(sandbox);
	console.log(`Atlassian sandbox on ${sandbox.url} (${sandbox.store.users(sandbox.directoryId).length} users, ${demo.groups} groups)

  Atlassian SCIM API credential
    Directory Base URL   ${sandbox.scimBaseUrl}
    Directory API Key    ${sandbox.directoryKey}

  Atlassian Organization API credential
    Organization ID      ${sandbox.orgId}
    Organization API Key ${sandbox.orgKey}
    API Base URL         ${sandbox.url}

  Control API            ${sandbox.url}/__sandbox/state | stats | reset | configure | faults

Ctrl-C stops it.`);
	const stop = () => {
		void sandbox.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
