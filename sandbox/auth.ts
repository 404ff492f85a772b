import { gatewayError } from './scim/errors';

/** Who is calling, by key: the org (admin) key or one directory's SCIM key. */
export type Caller = { kind: 'org' } | { kind: 'directory'; directoryId: string };

export interface Keys {
	orgKey: string;
	directories: Array<{ id: string; key: string }>;
}

/**
 * `Authorization: Bearer <key>`. No header, another scheme (Basic with an API token, a bare key without `Bearer `)
 * or an unknown key is 401 at Atlassian (docs/atlassian-api.md §1). The scheme name is matched case-insensitively
 * (RFC 7235); Atlassian's docs do not say how strict Atlassian's gateway is about its case.
 */
export function identify(header: string | undefined, keys: Keys): Caller {
	const match = header ? /^Bearer +(\S+)\s*$/i.exec(header) : null;
	if (match) {
		const key = match[1];
		if (key === keys.orgKey) return { kind: 'org' };
		const dir = keys.directories.find((d) => d.key === key);
		if (dir) return { kind: 'directory', directoryId: dir.id };
	}
	throw gatewayError(401, 'Unauthorized');
}

/**
 * A SCIM path accepts only its own directory's key. The org key, or another directory's key, is 403 with the
 * gateway's message (docs/atlassian-api.md §1); so is a valid key on a directory that does not exist.
 */
export function authorizeScim(caller: Caller, directoryId: string, rest: string): void {
	if (caller.kind === 'directory' && caller.directoryId === directoryId) return;
	throw gatewayError(403, `Not authorized to access : scim/directory/${directoryId}${rest ? `/${rest}` : ''}`);
}

/** Admin paths accept only the org key (docs/atlassian-api.md §1: the admin endpoints need the organization key). */
export function authorizeAdmin(caller: Caller, path: string): void {
	if (caller.kind === 'org') return;
	throw gatewayError(403, `Not authorized to access : ${path}`);
}

/** A valid org key used with another org's ID: 403, which clients tell apart from a bad key via GET /admin/v1/orgs. */
export function authorizeOrg(orgId: string, pathOrgId: string): void {
	if (pathOrgId !== orgId) throw gatewayError(403, `Not authorized to access org ${pathOrgId}`);
}
