import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Canned {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers every request with the next canned response (the last one repeats).
 * Only for answers the sandbox cannot produce on demand, such as a 400 from Atlassian for input the node refuses to send.
 */
export async function cannedServer(responses: Canned[]) {
	const seen: Array<{ method: string; url: string; body: string; headers: http.IncomingHttpHeaders }> = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			seen.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
			const next = responses[Math.min(seen.length - 1, responses.length - 1)];
			res.writeHead(next.status, { 'content-type': 'application/scim+json', ...next.headers });
			res.end(next.body === undefined ? '' : typeof next.body === 'string' ? next.body : JSON.stringify(next.body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		seen,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
