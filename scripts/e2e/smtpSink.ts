// A real SMTP server on 127.0.0.1 that keeps every email it receives (smtp-server + mailparser, dev-only).
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
	from?: string;
	to?: string;
	subject?: string;
	text?: string;
	html?: string | null;
}

export interface SmtpSink {
	port: number;
	messages(): Mail[];
	waitFor(predicate: (mail: Mail) => boolean, timeoutMs?: number): Promise<Mail>;
	onMail(listener: (mail: Mail) => void): void;
	close(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
	const mails: Mail[] = [];
	const listeners: Array<(mail: Mail) => void> = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, _session, callback) {
			callback(null, { user: auth.username });
		},
		onData(stream, _session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const mail: Mail = {
						from: parsed.from?.text,
						to: Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(', ') : parsed.to?.text,
						subject: parsed.subject,
						text: parsed.text,
						html: parsed.html || null,
					};
					mails.push(mail);
					for (const listener of listeners) listener(mail);
					callback();
				})
				.catch(callback);
		},
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
	return {
		port: address.port,
		messages: () => [...mails],
		onMail: (listener) => listeners.push(listener),
		async waitFor(predicate, timeoutMs = 60_000) {
			const started = Date.now();
			for (;;) {
				const found = mails.find(predicate);
				if (found) return found;
				if (Date.now() - started > timeoutMs) throw new Error(`no matching email within ${timeoutMs} ms; got: ${mails.map((m) => m.subject).join(' | ')}`);
				await new Promise((r) => setTimeout(r, 200));
			}
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
