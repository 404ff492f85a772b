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

/**
 * Paths of the organization admin API's user-provisioning operations (docs/atlassian-api.md §8), under the
 * organization ID the credential holds.
 */
export function adminPath(client: { organizationId: string }, rest: string): string {
	return `/admin/user-provisioning/v1/org/${segment(client.organizationId, 'Organization ID')}${rest}`;
}

/** A SCIM string literal for filters: quotes and backslashes escaped, so a value can never widen the filter. */
export function scimString(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
