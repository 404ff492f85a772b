export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface PageRequest {
	/** 1-based */
	startIndex: number;
	count: number;
}

function integer(text: string | null): number | undefined {
	if (text === null || text.trim() === '') return undefined;
	const n = Number(text);
	return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

/**
 * SCIM paging as Atlassian does it (docs/atlassian-api.md §5): `startIndex` is 1-based (default 1, below 1 means 1), `count`
 * defaults to the page cap and is capped by it (Atlassian: "max 100"), 0 asks for no resources. Unparseable values
 * fall back to the defaults rather than failing, as RFC 7644 §3.4.2.4 suggests for paging.
 */
export function pageRequest(query: URLSearchParams, cap: number): PageRequest {
	const start = integer(query.get('startIndex'));
	const count = integer(query.get('count'));
	return {
		startIndex: start === undefined || start < 1 ? 1 : start,
		count: count === undefined ? cap : Math.min(cap, Math.max(0, count)),
	};
}

export function listResponse(totalResults: number, startIndex: number, resources: unknown[]) {
	return { schemas: [LIST_SCHEMA], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
