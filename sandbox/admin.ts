import { authorizeOrg } from './auth';
import { adminError } from './scim/errors';
import type { Answer } from './answer';
import type { SandboxStore } from './store';

export interface AdminContext {
	store: SandboxStore;
	orgId: string;
	url: string;
}

const notFound = (detail: string) => adminError(404, 'NOT_FOUND', 'Not Found', detail);
const json = (status: number, body?: unknown): Answer => ({ status, body, contentType: 'application/json' });

function org(ctx: AdminContext) {
	return { id: ctx.orgId, type: 'orgs', attributes: { name: 'Sandbox Org' }, links: { self: `${ctx.url}/admin/v1/orgs/${ctx.orgId}` } };
}

/**
 * One domain as "Get domains in an organization" gives it: `{id, type: 'domains', attributes: {name, claim: {type,
 * status}}, links: {self}}`. The sandbox lists its verified domains only; one page, `links.next` absent.
 */
function domain(ctx: AdminContext, name: string) {
	const id = `domain-${name}`;
	return { id, type: 'domains', attributes: { name, claim: { type: 'DNS', status: 'VERIFIED' } }, links: { self: `${ctx.url}/admin/v1/orgs/${ctx.orgId}/domains/${id}` } };
}

/**
 * The organization admin API, after the org key was checked. `segments` is the path after `/admin`.
 * - GET /v1/orgs, GET /v1/orgs/{orgId}: the org pickers (docs/atlassian-api.md §8); GET /v1/orgs/{orgId}/domains.
 * - /user-provisioning/v1/org/{orgId}/…: onlyDeleteUserInDB, get-scim-links, get-scim-links-for-email, unlink.
 */
export function handleAdmin(ctx: AdminContext, method: string, segments: string[], body: () => unknown): Answer {
	const [area, version, kind, orgId, ...rest] = segments;
	if (area === 'v1' && version === 'orgs' && method === 'GET') {
		if (segments.length === 2) return json(200, { data: [org(ctx)], links: {} });
		if (segments.length === 3) {
			authorizeOrg(ctx.orgId, segments[2]);
			return json(200, { data: org(ctx) });
		}
		if (segments.length === 4 && segments[3] === 'domains') {
			authorizeOrg(ctx.orgId, segments[2]);
			return json(200, { data: ctx.store.verifiedDomains().map((name) => domain(ctx, name)), links: {} });
		}
	}
	if (area === 'user-provisioning' && version === 'v1' && kind === 'org' && orgId) {
		authorizeOrg(ctx.orgId, orgId);
		return userProvisioning(ctx, method, rest, body);
	}
	throw notFound(`No admin route ${method} /admin/${segments.join('/')}`);
}

/**
 * Atlassian documents no error codes for these endpoints (docs/atlassian-api.md §8); the sandbox's are its own choice:
 * 404 NOT_FOUND when an account has no SCIM record (or a SCIM user does not exist), 400 BAD_REQUEST for an
 * unmanaged account in onlyDeleteUserInDB ("managed users only") and for a missing email.
 */
function userProvisioning(ctx: AdminContext, method: string, rest: string[], body: () => unknown): Answer {
	const { store, orgId } = ctx;
	// DELETE …/user/{aaId}/onlyDeleteUserInDB: every SCIM record of the account, in all directories; account untouched.
	if (method === 'DELETE' && rest.length === 3 && rest[0] === 'user' && rest[2] === 'onlyDeleteUserInDB') {
		const accountId = rest[1];
		const links = store.linksForAccount(orgId, accountId);
		if (!links.length) throw notFound(`No SCIM user found for account ${accountId}`);
		const account = store.accounts.get(accountId);
		if (account && !account.managed) throw adminError(400, 'BAD_REQUEST', 'Bad Request', 'Only managed accounts can be deleted in the SCIM DB');
		for (const link of links) store.directory(link.directoryId)!.removeUser(link.scimUserId);
		return json(204);
	}
	// GET …/user/{aaId}/get-scim-links
	if (method === 'GET' && rest.length === 3 && rest[0] === 'user' && rest[2] === 'get-scim-links') {
		return json(200, { scimLinks: store.linksForAccount(orgId, rest[1]) });
	}
	// POST …/get-scim-links-for-email {"email": "…"}: primary email, case-insensitive, any directory; can be several.
	if (method === 'POST' && rest.length === 1 && rest[0] === 'get-scim-links-for-email') {
		const input = body() as { email?: unknown } | undefined;
		const email = typeof input?.email === 'string' ? input.email.trim() : '';
		if (!email) throw adminError(400, 'BAD_REQUEST', 'Bad Request', 'email is required');
		return json(200, { scimLinks: store.linksForEmail(orgId, email) });
	}
	// PATCH …/scimDirectoryId/{dirId}/scimUserId/{scimUserId}/unlink: the record stays, unlinked and out of its groups.
	if (method === 'PATCH' && rest.length === 5 && rest[0] === 'scimDirectoryId' && rest[2] === 'scimUserId' && rest[4] === 'unlink') {
		const dir = store.directory(rest[1]);
		const user = dir?.users.get(rest[3]);
		if (!dir || !user) throw notFound(`No SCIM user ${rest[3]} in directory ${rest[1]}`);
		dir.setAccount(user, null);
		dir.leaveAllGroups(user.id);
		return json(204);
	}
	throw notFound(`No admin route ${method} ${rest.join('/')}`);
}
