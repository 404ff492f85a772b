import type { Sandbox } from '../../sandbox';

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
	/** the parsed body, or undefined when it is empty or not JSON */
	json: any;
	ms: number;
}

/**
 * A tiny fetch client for the sandbox tests: raw HTTP over 127.0.0.1, so they test the server and nothing else.
 * Paths starting with /admin, /__sandbox or /scim are taken from the sandbox root, others from the SCIM base URL
 * (the first directory's, unless `scimBase` names another).
 */
export function http(sandbox: Sandbox, key: string | null = sandbox.directoryKey, scimBase = sandbox.scimBaseUrl) {
	const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
		const rooted = /^\/(admin|__sandbox|scim)(\/|$)/.test(path) || path === '/';
		const url = rooted ? `${sandbox.url}${path}` : `${scimBase}${path}`;
		const started = Date.now();
		const response = await fetch(url, {
			method,
			headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), 'content-type': 'application/scim+json', ...headers },
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		let json: any;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json, ms: Date.now() - started };
	};
	return {
		get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
		post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
		put: (path: string, body?: unknown) => call('PUT', path, body),
		patch: (path: string, body?: unknown) => call('PATCH', path, body),
		delete: (path: string) => call('DELETE', path),
		call,
	};
}

export type Client = ReturnType<typeof http>;

export const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
	schemas: [CORE_USER],
	userName,
	emails: [{ value: userName, type: 'work', primary: true }],
	...extra,
});

export const patchOps = (...Operations: Array<Record<string, unknown>>) => ({ schemas: [PATCH], Operations });

export const q = (filter: string) => `filter=${encodeURIComponent(filter)}`;

let unique = 0;
/** A fresh, collision-free email on the verified example.com domain (or another domain). */
export const freshEmail = (prefix = 'u', domain = 'example.com') => `${prefix}.${Date.now().toString(36)}.${++unique}@${domain}`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const turn = async () => await new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends requests and proves they are held exactly `ms` on the sandbox's clock (jest's fake timers, which the
 * sandbox's own timers run on): nothing is answered at `ms - 1`, everything at `ms`. Counted in the sandbox's
 * request log, so a busy machine cannot make it pass or fail.
 */
export async function expectHeldFor<T>(sandbox: Sandbox, ms: number, send: () => Promise<T>, count = 1): Promise<T> {
	const logged = sandbox.requests.length;
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
	try {
		const pending = send();
		while (sandbox.stats().inFlight < count) await turn();
		await jest.advanceTimersByTimeAsync(ms - 1);
		for (let n = 0; n < 10; n++) await turn();
		expect(sandbox.requests.length - logged).toBe(0);
		await jest.advanceTimersByTimeAsync(1);
		while (sandbox.requests.length - logged < count) {
			await jest.advanceTimersByTimeAsync(0);
			await turn();
		}
		return await pending;
	} finally {
		jest.useRealTimers();
	}
}
