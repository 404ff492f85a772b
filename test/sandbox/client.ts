import type { Sandbox } from '../../sandbox';

/** A tiny fetch client for the sandbox tests: raw HTTP, so they test the server and nothing else. */
export function http(sandbox: Sandbox, key: string | null = sandbox.directoryKey) {
	const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
		const url = path.startsWith('/admin') || path.startsWith('/__sandbox') ? `${sandbox.url}${path}` : `${sandbox.scimBaseUrl}${path}`;
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
		return { status: response.status, headers: response.headers, text, json };
	};
	return {
		get: (path: string) => call('GET', path),
		post: (path: string, body?: unknown) => call('POST', path, body),
		put: (path: string, body?: unknown) => call('PUT', path, body),
		patch: (path: string, body?: unknown) => call('PATCH', path, body),
		delete: (path: string) => call('DELETE', path),
		call,
	};
}

export const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

export const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
	schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
	userName,
	emails: [{ value: userName, type: 'work', primary: true }],
	...extra,
});
