import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { findUserByUserName } from '../models/users';
import { AtlassianClient } from '../transport/client';
import { cursorOf, PAGE_SIZE } from '../transport/paging';
import { directoriesPath, GROUP_PATH, USER_PATH } from '../transport/paths';

/** Pages scanned per call while searching; Atlassian has no substring filter, so matching happens here. */
const PAGES_PER_SEARCH = 5;
const WANTED_MATCHES = 20;

/**
 * The page scan both pickers share: one page without a search term, up to PAGES_PER_SEARCH with one (Atlassian has
 * no substring filter), stopping early once WANTED_MATCHES are found; the token says where the next scan starts.
 */
async function scanPages(
	client: AtlassianClient,
	path: string,
	query: Record<string, string>,
	from: number,
	term: string,
	results: INodeListSearchResult['results'],
	visit: (resource: IDataObject) => void,
): Promise<INodeListSearchResult> {
	let startIndex = from;
	for (let page = 0; page < (term ? PAGES_PER_SEARCH : 1); page++) {
		const response = await client.request({
			method: 'GET',
			path,
			query: { startIndex: String(startIndex), count: String(PAGE_SIZE), ...query },
			itemIndex: 0,
			shape: 'list',
		});
		const resources = (response.body.Resources as IDataObject[] | undefined) ?? [];
		for (const resource of resources) visit(resource);
		startIndex += resources.length;
		if (resources.length === 0 || startIndex > Number(response.body.totalResults ?? 0)) return { results };
		if (results.length >= WANTED_MATCHES) break;
	}
	return { results, paginationToken: String(startIndex) };
}

function userLabel(user: IDataObject): string {
	const name = user.displayName as string | undefined;
	return name ? `${name} (${String(user.userName)})` : String(user.userName);
}

/**
 * The user picker. Without a search term it lists users page by page. With one, it asks Atlassian for the exact
 * user name first, then scans pages and keeps users whose user name, display name or emails contain the term.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await AtlassianClient.create(this, 'scim', { maxRetries: 1, timeoutMs: 20_000 });
	const term = filter?.trim().toLowerCase() ?? '';
	const startIndex = Number(paginationToken) || 1;
	const results: INodeListSearchResult['results'] = [];
	const seen = new Set<string>();
	const add = (user: IDataObject) => {
		const id = String(user.id);
		if (seen.has(id)) return;
		seen.add(id);
		results.push({ name: userLabel(user), value: id });
	};

	if (term && startIndex === 1) {
		const exact = await findUserByUserName(client, filter!.trim(), 0);
		if (exact) add(exact);
	}

	return await scanPages(client, USER_PATH, { attributes: 'userName,displayName,emails' }, startIndex, term, results, (user) => {
		if (!term) return add(user);
		const emails = Array.isArray(user.emails) ? (user.emails as IDataObject[]).map((e) => String(e.value)) : [];
		const haystack = [user.userName, user.displayName, ...emails].map((v) => String(v ?? '').toLowerCase());
		if (haystack.some((text) => text.includes(term))) add(user);
	});
}

export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await AtlassianClient.create(this, 'scim', { maxRetries: 1, timeoutMs: 20_000 });
	const term = filter?.trim().toLowerCase() ?? '';
	const results: INodeListSearchResult['results'] = [];
	return await scanPages(client, GROUP_PATH, {}, Number(paginationToken) || 1, term, results, (group) => {
		const name = String(group.displayName ?? group.id);
		if (!term || name.toLowerCase().includes(term)) results.push({ name, value: String(group.id) });
	});
}

/** The directory picker: "All directories" first ('-'), then the organization's directories (Organizations API v2). */
export async function searchDirectories(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await AtlassianClient.create(this, 'admin', { maxRetries: 1, timeoutMs: 20_000 });
	const term = filter?.trim() ?? '';
	const response = await client.request({
		method: 'GET',
		path: directoriesPath(client),
		query: { searchTerm: term || undefined, cursor: paginationToken || undefined, limit: '100' },
		json: true,
		itemIndex: 0,
		subject: 'the directories',
	});
	const directories = (response.body.data as IDataObject[] | undefined) ?? [];
	const results: INodeListSearchResult['results'] = [];
	if (!paginationToken && (!term || 'all directories'.includes(term.toLowerCase()))) results.push({ name: 'All directories', value: '-' });
	for (const d of directories) {
		const name = String(d.name ?? d.directoryId);
		if (!term || name.toLowerCase().includes(term.toLowerCase()) || String(d.directoryId).includes(term)) results.push({ name, value: String(d.directoryId) });
	}
	return { results, paginationToken: cursorOf((response.body.links as IDataObject | undefined)?.next) };
}
