import { UserError } from 'n8n-workflow';

/**
 * Encodes one path segment. IDs come from users and expressions, so `/`, `?`, `#` and `%` are encoded and
 * dot-only segments are refused: URL parsers resolve `..` (even as `%2e%2e`), which could reach another endpoint.
 */
export function segment(value: unknown, what: string): string {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new UserError(`${what} must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
	}
	if (!text) throw new UserError(`${what} is empty`);
	if (/^\.+$/.test(text)) throw new UserError(`${what} "${text}" is not a valid ID`);
	return encodeURIComponent(text);
}

/** Builds a query string; values are always encoded (filters carry quotes, spaces and user input). */
export function query(params: Record<string, string | number | undefined> | undefined): string {
	if (!params) return '';
	const parts = Object.entries(params)
		.filter(([, v]) => v !== undefined && v !== '')
		.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
	return parts.length ? `?${parts.join('&')}` : '';
}

/** What a path under the organization needs: the organization ID the credential holds. */
interface Organization {
	organizationId: string;
}

// ---- SCIM (the directory's base URL) -----------------------------------------------------------------

/** The form of the SCIM IDs Atlassian makes for users and groups (UUIDs). */
export const SCIM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const USER_PATH = '/Users';
export const GROUP_PATH = '/Groups';

export function userPath(id: string): string {
	return `${USER_PATH}/${segment(id, 'User ID')}`;
}

export function groupPath(id: string): string {
	return `${GROUP_PATH}/${segment(id, 'Group ID')}`;
}

// ---- Organization admin APIs (the organization credential's base URL) ---------------------------------------

/**
 * Paths of the organization admin API's user-provisioning operations (docs/atlassian-api.md §8), under the
 * organization ID the credential holds.
 */
export function adminPath(client: Organization, rest: string): string {
	return `/admin/user-provisioning/v1/org/${segment(client.organizationId, 'Organization ID')}${rest}`;
}

/**
 * The Organizations REST API v1: the organization itself, its audit log (`/events-stream`) and the audit-log
 * actions (`/event-actions`). `what` names the ID in the message when it is not a valid path segment.
 */
export function orgPath(client: Organization, rest = '', what = 'Organization ID'): string {
	return `/admin/v1/orgs/${segment(client.organizationId, what)}${rest}`;
}

/** The Organizations REST API v2: `/admin/v2/orgs/{orgId}/directories/{directoryId}/users…` ('-' = all directories). */
export function directoryUsersPath(client: Organization, directoryId: string, rest = ''): string {
	const directory = directoryId === '-' ? '-' : segment(directoryId, 'Directory');
	return `/admin/v2/orgs/${segment(client.organizationId, 'Organization ID')}/directories/${directory}/users${rest}`;
}

export function directoriesPath(client: Organization): string {
	return `/admin/v2/orgs/${segment(client.organizationId, 'Organization ID')}/directories`;
}

/** The Organizations REST API v1 last-active dates (not among the v1 endpoints switched off after 2026-06-30). */
export function lastActivePath(client: Organization, accountId: string): string {
	return `${orgPath(client)}/directory/users/${segment(accountId, 'Account ID')}/last-active-dates`;
}

/** The User Management REST API: `/users/{accountId}/manage…` (managed accounts only; same key and base URL). */
export function managePath(accountId: string, rest = ''): string {
	return `/users/${segment(accountId, 'Account ID')}/manage${rest}`;
}

/** A SCIM string literal for filters: quotes and backslashes escaped, so a value can never widen the filter. */
export function scimString(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
