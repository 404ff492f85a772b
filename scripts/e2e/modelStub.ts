// A stand-in for OpenAI's chat-completions API, for end-to-end tests of the node as a tool of n8n's AI Agent: it
// listens on 127.0.0.1 (port 0), records every request n8n's OpenAI Chat Model sends (the `tools` array, the messages
// with the tool's answer), and answers from a script: first the tool calls the test planned, then a final answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

/** One chat-completions request as n8n sent it. */
export interface ModelRequest {
	path: string;
	body: {
		model?: string;
		messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
		tools?: Array<{ type: string; function: { name: string; description: string; parameters: Record<string, any> } }>;
		stream?: boolean;
	};
}

export interface ModelStub {
	/** The base URL for the openAiApi credential (…/v1). */
	url: string;
	requests: ModelRequest[];
	/** What the next conversation does: each round, the next planned tool call; once they are used up, `finalText`. */
	plan(calls: ToolCall[], finalText?: string): void;
	/** The tool messages (role "tool") of the last request: what the model received from the node. */
	toolMessages(): string[];
	close(): Promise<void>;
}

const MODELS = { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 0, owned_by: 'stub' }] };

function completion(message: Record<string, unknown>, finish: string) {
	return {
		id: `chatcmpl-stub-${Date.now()}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'gpt-4o-mini',
		choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
		usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
	};
}

/** The same answer as server-sent events, should n8n ask for a stream. */
function streamed(message: Record<string, any>, finish: string): string {
	const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
		`data: ${JSON.stringify({ id: 'chatcmpl-stub', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
	const toolCalls = (message.tool_calls as Array<Record<string, any>> | undefined)?.map((call, index) => ({ index, ...call }));
	return [chunk({ role: 'assistant', content: message.content ?? null, ...(toolCalls ? { tool_calls: toolCalls } : {}) }, null), chunk({}, finish), 'data: [DONE]\n\n'].join('');
}

export async function startModelStub(): Promise<ModelStub> {
	const requests: ModelRequest[] = [];
	let calls: ToolCall[] = [];
	let finalText = 'Done.';
	let callNumber = 0;

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const path = (req.url ?? '').split('?')[0];
			if (req.method === 'GET' && path.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(MODELS));
				return;
			}
			if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no ${req.method} ${path} here` } }));
				return;
			}
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ModelRequest['body'];
			requests.push({ path, body });
			const next = calls.shift();
			const [message, finish] = next
				? [{ role: 'assistant', content: null, tool_calls: [{ id: `call_${++callNumber}`, type: 'function', function: { name: next.name, arguments: JSON.stringify(next.arguments) } }] }, 'tool_calls']
				: [{ role: 'assistant', content: finalText }, 'stop'];
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' }).end(streamed(message, finish));
			} else {
				res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(message, finish)));
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		plan(planned, text = 'Done.') {
			calls = [...planned];
			finalText = text;
			requests.length = 0;
		},
		toolMessages() {
			const last = requests[requests.length - 1];
			return (last?.body.messages ?? []).filter((m) => m.role === 'tool').map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
