import type { IDataObject } from 'n8n-workflow';

import type { AtlassianClient } from './client';

/** Atlassian returns at most 100 resources a page (its KB); the server's `itemsPerPage` is followed if smaller. */
export const PAGE_SIZE = 100;

/** A SCIM list to read: the collection, its query (a filter, say), and what an error names. */
export interface ListTarget {
	path: string;
	query?: Record<string, string | undefined>;
	itemIndex: number;
	subject: string;
}

/** One page of a SCIM list. `total` is undefined when the answer gives no usable `totalResults`. */
export interface ListPage {
	resources: IDataObject[];
	total: number | undefined;
	itemsPerPage: number;
}

/** Reads one page: `count` resources from the 1-based `startIndex`. Every SCIM listing asks through this. */
export async function fetchListPage(client: AtlassianClient, target: ListTarget, startIndex: number, count: number): Promise<ListPage> {
	const response = await client.request({
		method: 'GET',
		path: target.path,
		query: { ...target.query, startIndex: String(startIndex), count: String(count) },
		itemIndex: target.itemIndex,
		subject: target.subject,
		shape: 'list',
	});
	const total = response.body.totalResults == null ? NaN : Number(response.body.totalResults);
	return {
		resources: (response.body.Resources as IDataObject[] | undefined) ?? [],
		total: Number.isFinite(total) ? total : undefined,
		itemsPerPage: Number(response.body.itemsPerPage),
	};
}

interface ListOptions extends ListTarget {
	/** Stop after this many resources; undefined = all. */
	limit?: number;
	/** Receives each page's `totalResults`, in order: a caller can tell a complete listing from one that shifted. */
	totals?: number[];
}

/**
 * Yields a SCIM list page by page (1-based `startIndex`, `count`), never asking for more than `limit` needs.
 * After the first page the total is known, so the next pages are fetched a few at a time through the
 * client's pacer and yielded in order: memory stays bounded by the pages in flight plus what the caller keeps.
 */
export async function* scimPages(client: AtlassianClient, options: ListOptions): AsyncGenerator<IDataObject[]> {
	const { limit } = options;
	const want = (got: number) => (limit === undefined ? PAGE_SIZE : Math.min(PAGE_SIZE, limit - got));

	const first = await fetchListPage(client, options, 1, want(0));
	let resources = first.resources;
	const total = first.total ?? resources.length;
	options.totals?.push(total);
	let got = resources.length;
	yield resources;
	// The server decides its page size; `itemsPerPage` (or what came back) says what it is.
	const pageSize = Math.max(1, first.itemsPerPage || resources.length || PAGE_SIZE);
	if (resources.length === 0 || got >= total || (limit !== undefined && got >= limit)) return;

	const lookahead = 4;
	const pending: Array<Promise<ListPage>> = [];
	let next = 1 + got;
	const end = Math.min(total, limit ?? total);
	const schedule = () => {
		while (pending.length < lookahead && next <= end) {
			const count = Math.min(pageSize, end - next + 1);
			pending.push(fetchListPage(client, options, next, count));
			next += count;
		}
	};
	schedule();
	while (pending.length) {
		const page = await pending.shift()!;
		resources = page.resources;
		options.totals?.push(page.total ?? total);
		if (resources.length === 0) {
			// The directory shrank while paging: drain what is in flight and stop.
			await Promise.allSettled(pending);
			return;
		}
		got += resources.length;
		yield limit !== undefined && got > limit ? resources.slice(0, resources.length - (got - limit)) : resources;
		schedule();
	}
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
