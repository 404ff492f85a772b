import type { AtlassianClient } from '../../transport/client';
import { segment } from '../../transport/paths';

/** The Organizations REST API v2: `/admin/v2/orgs/{orgId}/directories/{directoryId}/users…` ('-' = all directories). */
export function directoryUsersPath(client: AtlassianClient, directoryId: string, rest = ''): string {
	const directory = directoryId === '-' ? '-' : segment(directoryId, 'Directory');
	return `/admin/v2/orgs/${segment(client.organizationId, 'Organization ID')}/directories/${directory}/users${rest}`;
}

export function directoriesPath(client: AtlassianClient): string {
	return `/admin/v2/orgs/${segment(client.organizationId, 'Organization ID')}/directories`;
}

/** The Organizations REST API v1 last-active dates (not among the v1 endpoints switched off after 2026-06-30). */
export function lastActivePath(client: AtlassianClient, accountId: string): string {
	return `/admin/v1/orgs/${segment(client.organizationId, 'Organization ID')}/directory/users/${segment(accountId, 'Account ID')}/last-active-dates`;
}

/** The User Management REST API: `/users/{accountId}/manage…` (managed accounts only; same key and base URL). */
export function managePath(accountId: string, rest = ''): string {
	return `/users/${segment(accountId, 'Account ID')}/manage${rest}`;
}

/**
 * The next-page cursor from `links.next`: v2 answers carry a bare opaque cursor, v1 answers a URL with `?cursor=`.
 * Only the cursor is taken from a URL: the URL itself is never requested (the key must not follow it elsewhere).
 */
export function cursorOf(next: unknown): string | undefined {
	if (typeof next !== 'string' || next.trim() === '') return undefined;
	const text = next.trim();
	if (/^https?:\/\//i.test(text) || text.startsWith('/') || text.includes('?')) {
		try {
			return new URL(text, 'http://cursor.invalid').searchParams.get('cursor') ?? undefined;
		} catch {
			return undefined;
		}
	}
	return text;
}
