import type { IDataObject } from 'n8n-workflow';

import type { AtlassianClient } from './client';
import { fetchListPage, PAGE_SIZE, type ListTarget } from './paging';

/**
 * Reading a whole SCIM list (every user or every group of the directory) at once, for the trigger and for the
 * operations that compare many users against the directory. SCIM pages are addressed by start index, so once the
 * first page has said how many resources there are, every other page can be asked for at the same time: they all go
 * through the client, whose pacer decides how many are in flight and holds them all on a 429, and whose retries
 * cover a 5xx or a dropped connection in the middle of the listing.
 */

export type ListingOptions = ListTarget;

export interface Listing {
	resources: IDataObject[];
	/** What each page said `totalResults` was, in page order. */
	totals: number[];
	/** Requests sent (pages, the first one included; retries not counted). */
	pages: number;
	/**
	 * Every resource was listed: every page agreed on the total and the resources add up to it. Atlassian pages by
	 * offset, so a user created or deleted during the listing shifts others across a page boundary.
	 */
	complete: boolean;
}

/** The first page, read: the directory's size is known, the rest is not fetched yet. */
export interface ListingStart {
	total: number;
	/** How many requests the whole listing takes, this first one included. */
	pages: number;
	/** The remaining pages, all at once through the client; resolves to the whole list in directory order. */
	rest(): Promise<Listing>;
}

/** How many pages of `pageSize` a list of `total` resources takes (at least one: the first page is always read). */
export function pagesFor(total: number, pageSize = PAGE_SIZE): number {
	return Math.max(1, Math.ceil(total / Math.max(1, pageSize)));
}

/** Reads the first page; the caller decides from `total` and `pages` whether the rest is worth reading. */
export async function startListing(client: AtlassianClient, options: ListingOptions): Promise<ListingStart> {
	const first = await fetchListPage(client, options, 1, PAGE_SIZE);
	const total = first.total ?? first.resources.length;
	// The server decides its page size; `itemsPerPage` (or what came back) says what it is.
	const pageSize = Math.max(1, first.itemsPerPage || first.resources.length || PAGE_SIZE);
	const pages = first.resources.length === 0 ? 1 : pagesFor(total, pageSize);
	return {
		total,
		pages,
		rest: async () => {
			const starts: number[] = [];
			if (first.resources.length > 0) for (let start = 1 + first.resources.length; start <= total; start += pageSize) starts.push(start);
			const later = await Promise.all(starts.map(async (start) => await fetchListPage(client, options, start, Math.min(pageSize, total - start + 1))));
			const resources = [first.resources, ...later.map((page) => page.resources)].flat();
			const totals = [total, ...later.map((page) => page.total ?? total)];
			const complete = totals.every((t) => t === total) && resources.length === total;
			return { resources, totals, pages: 1 + starts.length, complete };
		},
	};
}

/** The whole list: the first page, then every other page at once. */
export async function listAll(client: AtlassianClient, options: ListingOptions): Promise<Listing> {
	return await (await startListing(client, options)).rest();
}
