// Runs a sandbox in its own process, so benchmarks measure the node's memory and CPU, not the server's.
// Prints one JSON line with its URLs and keys, then serves until killed.
import { startSandbox } from '../sandbox';

async function main() {
	const seedUsers = Number(process.argv[2] ?? 0);
	const latencyMs = Number(process.argv[3] ?? 25);
	const sandbox = await startSandbox({ seedUsers, latencyMs });
	process.stdout.write(
		`${JSON.stringify({
			url: sandbox.url,
			scimBaseUrl: sandbox.scimBaseUrl,
			directoryId: sandbox.directoryId,
			directoryKey: sandbox.directoryKey,
			orgId: sandbox.orgId,
			orgKey: sandbox.orgKey,
		})}\n`,
	);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

void main();
