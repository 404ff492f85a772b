// A real SMTP server on 127.0.0.1 that keeps every email it receives (smtp-server + mailparser, dev-only). No TLS, any
// or no login accepted: n8n's SMTP credential for it is { host: '127.0.0.1', port, secure: false,
// disableStartTls: true, user: '', password: '' }.
//
//   library: const sink = await startSmtpSink();  ...  await sink.waitFor((m) => m.subject === 'Hi');  await sink.close();
//   CLI:     npm run smtp-sink -- --port 2525      (prints each email as it arrives; Ctrl-C stops)
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Mail {
	/** The SMTP envelope (MAIL FROM / RCPT TO), which is who it was really sent to. */
	envelope: { from?: string; to: string[] };
	/** The headers, as text ("Name <a@b.c>, d@e.f"). */
	from?: string;
	to?: string;
	cc?: string;
	subject?: string;
	text?: string;
	html?: string | null;
	attachments: Array<{ filename?: string; contentType: string; size: number }>;
	receivedAt: Date;
}

export interface SmtpSink {
	port: number;
	/** Every email received so far, oldest first. */
	messages(): Mail[];
	/** The first email (received so far or later) that matches; rejects after timeoutMs, listing what did arrive. */
	waitFor(predicate: (mail: Mail) => boolean, timeoutMs?: number): Promise<Mail>;
	/** Called for each email as it arrives. */
	onMail(listener: (mail: Mail) => void): void;
	close(): Promise<void>;
}

export interface SmtpSinkOptions {
	/** 0 (the default) picks a free port. */
	port?: number;
}

const addressText = (value: { text: string } | Array<{ text: string }> | undefined) =>
	Array.isArray(value) ? value.map((v) => v.text).join(', ') : value?.text;

export async function startSmtpSink(options: SmtpSinkOptions | number = {}): Promise<SmtpSink> {
	const port = typeof options === 'number' ? options : (options.port ?? 0);
	const mails: Mail[] = [];
	const listeners: Array<(mail: Mail) => void> = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, _session, callback) {
			callback(null, { user: auth.username });
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((parsed) => {
					const mail: Mail = {
						envelope: {
							from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
							to: session.envelope.rcptTo.map((r) => r.address),
						},
						from: addressText(parsed.from),
						to: addressText(parsed.to),
						cc: addressText(parsed.cc),
						subject: parsed.subject,
						text: parsed.text,
						html: parsed.html || null,
						attachments: (parsed.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
						receivedAt: new Date(),
					};
					mails.push(mail);
					for (const listener of [...listeners]) listener(mail);
					callback();
				})
				.catch(callback);
		},
	});
	await new Promise<void>((resolve, reject) => {
		const inner = (server as unknown as { server: NodeJS.EventEmitter }).server;
		inner.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			inner.off('error', reject);
			resolve();
		});
	});
	const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
	return {
		port: address.port,
		messages: () => [...mails],
		onMail: (listener) => listeners.push(listener),
		waitFor(predicate, timeoutMs = 60_000) {
			const found = mails.find(predicate);
			if (found) return Promise.resolve(found);
			return new Promise<Mail>((resolve, reject) => {
				const listener = (mail: Mail) => {
					if (!predicate(mail)) return;
					clearTimeout(timer);
					listeners.splice(listeners.indexOf(listener), 1);
					resolve(mail);
				};
				const timer = setTimeout(() => {
					listeners.splice(listeners.indexOf(listener), 1);
					const got = mails.map((m) => JSON.stringify(m.subject)).join(', ') || 'none';
					reject(new Error(`no matching email within ${timeoutMs} ms; received: ${got}`));
				}, timeoutMs);
				listeners.push(listener);
			});
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** One email as readable text (the demo and the CLI print these). */
export function formatMail(mail: Mail): string {
	const body = mail.html
		? mail.html
				.replace(/<\/(tr|table|p|div|h\d)>|<br\s*\/?>/g, '\n')
				.replace(/<\/t[dh]>/g, ' | ')
				.replace(/<[^>]+>/g, '')
				.replace(/&amp;/g, '&')
				.replace(/&lt;/g, '<')
				.replace(/&gt;/g, '>')
				.trim()
		: (mail.text ?? '').trim();
	const attachments = mail.attachments.length ? `\nAttachments: ${mail.attachments.map((a) => `${a.filename ?? '(unnamed)'} (${a.contentType}, ${a.size} B)`).join(', ')}` : '';
	const line = '─'.repeat(60);
	return `${line}\n${mail.receivedAt.toISOString()}\nFrom: ${mail.from ?? mail.envelope.from}\nTo: ${mail.to ?? mail.envelope.to.join(', ')}${mail.cc ? `\nCc: ${mail.cc}` : ''}\nSubject: ${mail.subject ?? ''}${attachments}\n\n${body}\n${line}`;
}

if (require.main === module) {
	const arg = (name: string) => {
		const at = process.argv.indexOf(name);
		return at > 0 ? process.argv[at + 1] : undefined;
	};
	const port = Number(arg('--port') ?? process.env.SMTP_PORT ?? 2525);
	startSmtpSink({ port })
		.then((sink) => {
			console.log(`SMTP sink on 127.0.0.1:${sink.port} (no TLS, no login needed); each email is printed here. Ctrl-C stops.`);
			sink.onMail((mail) => console.log(formatMail(mail)));
			const stop = () => void sink.close().then(() => process.exit(0));
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		})
		.catch((error) => {
			console.error(`SMTP sink could not start: ${error.message}`);
			process.exit(1);
		});
}
