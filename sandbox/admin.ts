import { adminError, HttpError } from './scim/errors';
import { EXTERNAL, type SandboxStore } from './store';

type Input = Record<string, any>;

function linksWhere(store: SandboxStore, orgId: string, match: (user: Input) => boolean) {
	const links: Input[] = [];
	for (const dir of store.directories.values()) {
		for (const user of dir.list()) {
			if (match(user)) links.push({ scimUserId: user.id, atlassianAccountId: user[EXTERNAL]?.atlassianAccountId ?? null, orgId, directoryId: dir.id });
		}
	}
	return links;
}

/**
 * The admin user-provisioning API. Atlassian documents no error codes for these endpoints: the sandbox answers 404
 * for an account with no SCIM record and 400 for an unmanaged account (onlyDeleteUserInDB is for managed users only).
 */
export function handleAdmin(store: SandboxStore, orgId: string, method: string, rest: string[], body: Input): { status: number; body?: unknown } {
	// rest: the path after /admin/user-provisioning/v1/org/{orgId}
	if (method === 'DELETE' && rest.length === 3 && rest[0] === 'user' && rest[2] === 'onlyDeleteUserInDB') {
		const accountId = rest[1];
		const account = store.accounts.get(accountId);
		const links = linksWhere(store, orgId, (u) => u[EXTERNAL]?.atlassianAccountId === accountId);
		if (!links.length) throw adminError(404, 'NOT_FOUND', 'Not Found', `No SCIM user found for account ${accountId}`);
		if (account && !account.managed) throw adminError(400, 'BAD_REQUEST', 'Bad Request', 'Only managed accounts can be deleted in the SCIM DB');
		for (const link of links) store.directories.get(link.directoryId)!.remove(link.scimUserId);
		return { status: 204 };
	}
	if (method === 'GET' && rest.length === 3 && rest[0] === 'user' && rest[2] === 'get-scim-links') {
		return { status: 200, body: { scimLinks: linksWhere(store, orgId, (u) => u[EXTERNAL]?.atlassianAccountId === rest[1]) } };
	}
	if (method === 'POST' && rest.length === 1 && rest[0] === 'get-scim-links-for-email') {
		const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
		if (!email) throw adminError(400, 'BAD_REQUEST', 'Bad Request', 'email is required');
		const isPrimary = (u: Input) => (u.emails as Input[]).some((e) => e.primary && String(e.value).toLowerCase() === email);
		return { status: 200, body: { scimLinks: linksWhere(store, orgId, isPrimary) } };
	}
	if (method === 'PATCH' && rest.length === 5 && rest[0] === 'scimDirectoryId' && rest[2] === 'scimUserId' && rest[4] === 'unlink') {
		const dir = store.directories.get(rest[1]);
		const user = dir?.users.get(rest[3]);
		if (!dir || !user) throw adminError(404, 'NOT_FOUND', 'Not Found', `No SCIM user ${rest[3]} in directory ${rest[1]}`);
		user[EXTERNAL] = { atlassianAccountId: null };
		for (const groupId of [...(dir.membership.get(user.id) ?? [])]) dir.removeMember(dir.groups.get(groupId)!, user.id);
		return { status: 204 };
	}
	throw new HttpError(404, { errors: [{ status: '404', code: 'NOT_FOUND', title: 'Not Found', detail: `No route ${method} ${rest.join('/')}` }] }, 'application/json');
}
