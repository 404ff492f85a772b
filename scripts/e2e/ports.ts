// Ports for the servers the e2e driver starts in child processes (n8n's HTTP port, its task-broker port).
//
// Why not "listen on port 0, read the port, close, hand it to the child": the port goes back into the kernel's
// ephemeral range, and until the child binds it (n8n takes 5-30 s to start on a busy machine) any outgoing TCP
// connection on the machine may get it as its source port. A port in use as a source port, even in TIME_WAIT for 60 s
// after the connection closed, makes the child's listen() fail with EADDRINUSE; n8n's task broker then exits with
// code 1 and one log line ("n8n Task Broker's port … is already in use"), which is how "the installed package is
// loaded" failed once on a machine busy with other tests. Ports outside the ephemeral range are never handed out as
// source ports or by listen(0); a lock file per port under .cache/e2e/ports keeps concurrent test runs from picking
// the same one.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The kernel's ephemeral (source) port range. */
export function ephemeralRange(): [number, number] {
	try {
		const [low, high] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
		if (low > 0 && high >= low) return [low, high];
	} catch {
		// Not Linux: the IANA range, which macOS and Windows use.
	}
	return [49152, 65535];
}

/** The range reserved ports are picked from: below the ephemeral range, above the usual fixed service ports. */
export function reservableRange(): [number, number] {
	const [low] = ephemeralRange();
	const top = low - 1;
	const bottom = Math.max(1024, Math.min(20000, top - 4000));
	if (top - bottom < 1000) throw new Error(`no room for test ports below the ephemeral range (${low}); lower net.ipv4.ip_local_port_range`);
	return [bottom, top];
}

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
export function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function canListen(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

export interface ReservedPort {
	port: number;
	release(): void;
}

/**
 * A port on 127.0.0.1 that nothing listens on, outside the ephemeral range, reserved for this process (a lock file
 * holding its pid, in `dir`) until release() or until the process is gone.
 */
export async function reservePort(dir: string, [bottom, top] = reservableRange()): Promise<ReservedPort> {
	fs.mkdirSync(dir, { recursive: true });
	for (let attempt = 0; attempt < 200; attempt++) {
		const port = bottom + Math.floor(Math.random() * (top - bottom + 1));
		const lock = path.join(dir, String(port));
		try {
			fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
		} catch {
			const owner = Number(fs.readFileSync(lock, 'utf8'));
			if (owner && alive(owner)) continue;
			fs.rmSync(lock, { force: true });
			continue;
		}
		if (await canListen(port)) {
			let released = false;
			return {
				port,
				release: () => {
					if (released) return;
					released = true;
					fs.rmSync(lock, { force: true });
				},
			};
		}
		fs.rmSync(lock, { force: true });
	}
	throw new Error(`no free port found between ${bottom} and ${top} after 200 attempts`);
}
