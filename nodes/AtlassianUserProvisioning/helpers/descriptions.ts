import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

type Show = Record<string, Array<string | number | boolean>>;

/**
 * The top-level Simplify toggle, on by default as in n8n's own identity nodes: on every operation that outputs a
 * user or group record, right above its Options (last where there are none).
 */
export const simplifyField = (what: 'user' | 'group', show: Show): INodeProperties => ({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		what === 'user'
			? 'Whether to return flat fields (ID, user name, display name, primary email, active, title, department, organization, timezone, Atlassian account ID…) that fit email templates and spreadsheets, instead of the user as Atlassian returns it'
			: 'Whether to return flat fields (ID, name, member count, member names) instead of the group as Atlassian returns it',
	displayOptions: { show },
});

/** Whether the output is simplified (the toggle is on unless turned off). */
export function simplifyWanted(ctx: IExecuteFunctions, i: number): boolean {
	return ctx.getNodeParameter('simplify', i, true) as boolean;
}

/** Attributes / Excluded Attributes (Atlassian: mutually exclusive, users only), as collection options. */
export const attributesOption: INodeProperties = {
	displayName: 'Attributes',
	name: 'attributes',
	type: 'string',
	default: '',
	placeholder: 'e.g. userName,emails.value',
	description:
		'Comma-separated attributes Atlassian should return (the ID is always returned). Cannot be combined with Excluded Attributes.',
};

export const excludedAttributesOption: INodeProperties = {
	displayName: 'Excluded Attributes',
	name: 'excludedAttributes',
	type: 'string',
	default: '',
	placeholder: 'e.g. timezone,emails.type,department',
	description: 'Comma-separated attributes Atlassian should leave out. Cannot be combined with Attributes.',
};

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

/** Return All, with what it means said on screen only while it is on (a `hint` would show in both states). */
/** Return All, its notice (shown while it is on) and Limit (while it is off): how every Get Many starts. */
export const returnAllFields = (what: string, show: Show): INodeProperties[] => [
	{ ...returnAllField, displayOptions: { show } },
	{
		displayName: `Atlassian returns ${what} in pages of up to 100; every page is fetched, one request each`,
		name: 'returnAllNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, returnAll: [true] } },
	},
	{ ...limitField, displayOptions: { show: { ...show, returnAll: [false] } } },
];

/**
 * A Get Many's Filters collection, after a notice saying what Atlassian can filter by when there is one (n8n shows
 * no `hint` under a collection, so the notice stands above it).
 */
export function filtersCollection(show: Show, options: INodeProperties[], notice?: string): INodeProperties[] {
	const filters: INodeProperties = { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions: { show }, options };
	return notice ? [{ displayName: notice, name: 'filtersNotice', type: 'notice', default: '', displayOptions: { show } }, filters] : [filters];
}

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

/** Timeouts, retries and concurrency: defaults suit almost everyone; admins who share the org's rate budget may lower the concurrency. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 1000 },
			default: 100,
			description:
				'Upper bound for requests in flight. The node starts low, grows while Atlassian answers promptly and backs off when it pushes back; lower this if other tools share the organization\'s rate limit.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 4,
			description:
				'How often a request is retried after a server error (500, 502, 503, 504), a timeout or a dropped connection. Rate limiting (429) is always waited out.',
		},
		{
			displayName: 'Timeout (Milliseconds)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long to wait for each answer before the request counts as failed (and is retried), in milliseconds: 30000 is 30 seconds',
		},
	],
};

/** The Options collection of an operation: its optional settings, each added on demand. */
export function optionsCollection(show: Show, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions: { show }, options };
}

