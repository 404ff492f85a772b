/**
 * The e2e driver's ports for child processes (scripts/e2e/ports.ts). The failure they fix: a port freed after
 * listen(0) can become the source port of any outgoing connection before n8n binds it, and n8n's task broker then
 * exits with code 1 ("the installed package is loaded" failed that way once on a busy machine).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ephemeralRange, reservableRange, reservePort } from '../../scripts/e2e/ports';

let dir: string;
let server: net.Server;
let serverPort: number;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ports-test-'));
	server = net.createServer((socket) => socket.resume().on('end', () => socket.end()));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	serverPort = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	fs.rmSync(dir, { recursive: true, force: true });
});

async function connect(): Promise<net.Socket> {
	return await new Promise((resolve, reject) => {
		const socket = net.connect(serverPort, '127.0.0.1', () => resolve(socket));
		socket.once('error', reject);
	});
}

async function listenError(port: number): Promise<string | undefined> {
	return await new Promise((resolve) => {
		const probe = net.createServer();
		probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
	});
}

test('the failure mode: a port that is an outgoing connection\'s source port cannot be listened on, in TIME_WAIT too', async () => {
	const client = await connect();
	const port = client.localPort!;
	const [low, high] = ephemeralRange();
	expect(port).toBeGreaterThanOrEqual(low);
	expect(port).toBeLessThanOrEqual(high);
	expect(await listenError(port)).toBe('EADDRINUSE');
	await new Promise<void>((resolve) => client.end(() => resolve()));
	await new Promise((resolve) => client.once('close', resolve));
	// The side that closes first keeps the port in TIME_WAIT.
	expect(await listenError(port)).toBe('EADDRINUSE');
});

test('reserved ports lie below the ephemeral range, where no outgoing connection or listen(0) gets them', async () => {
	const [low] = ephemeralRange();
	const [bottom, top] = reservableRange();
	expect(top).toBe(low - 1);
	expect(top - bottom).toBeGreaterThanOrEqual(1000);
	const reserved = await Promise.all(Array.from({ length: 20 }, () => reservePort(dir)));
	for (const { port } of reserved) {
		expect(port).toBeGreaterThanOrEqual(bottom);
		expect(port).toBeLessThanOrEqual(top);
		expect(await listenError(port)).toBeUndefined();
	}
	// 200 connections never take one of them as their source port.
	const clients = await Promise.all(Array.from({ length: 200 }, connect));
	const taken = new Set(clients.map((c) => c.localPort));
	expect(reserved.filter(({ port }) => taken.has(port))).toEqual([]);
	for (const c of clients) c.destroy();
	for (const r of reserved) r.release();
});

test('a port is reserved for one process at a time: a live owner\'s lock is skipped, a dead owner\'s is reclaimed', async () => {
	const first = await reservePort(dir);
	expect(fs.readFileSync(path.join(dir, String(first.port)), 'utf8')).toBe(String(process.pid));
	const many = await Promise.all(Array.from({ length: 50 }, () => reservePort(dir)));
	expect(new Set([first.port, ...many.map((r) => r.port)]).size).toBe(51);
	first.release();
	expect(fs.existsSync(path.join(dir, String(first.port)))).toBe(false);
	for (const r of many) r.release();

	// Every port of a small range locked by a process that is gone: reservePort reclaims one instead of failing.
	const [bottom] = reservableRange();
	const range: [number, number] = [bottom, bottom + 4];
	const dead = 2 ** 22 + 12345; // above the kernel's pid_max, so never a live process
	const stale = path.join(dir, 'stale');
	fs.mkdirSync(stale);
	for (let port = range[0]; port <= range[1]; port++) fs.writeFileSync(path.join(stale, String(port)), String(dead));
	const reclaimed = await reservePort(stale, range);
	expect(reclaimed.port).toBeGreaterThanOrEqual(range[0]);
	expect(reclaimed.port).toBeLessThanOrEqual(range[1]);
	expect(fs.readFileSync(path.join(stale, String(reclaimed.port)), 'utf8')).toBe(String(process.pid));
	reclaimed.release();
});
