// The node as a tool of n8n's AI Agent. n8n makes a tool variant of every `usableAsTool` node: the same node under
// the type name "<name>Tool", whose output goes to the agent's model as JSON text and whose errors reach the model by
// their message only. Everything here changes tool runs only; the node's own runs and output stay as they were.
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { ATLASSIAN_EXTERNAL_SCHEMA, CORE_USER_SCHEMA } from '../transport/schemas';
import { simplifyGroup, simplifyUser } from './output';
import { RESOURCE_NOTES, TOOL_DESCRIPTIONS } from './toolDescriptions';

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** The attributes of a SCIM user (RFC 7643 §4.1, with Atlassian's department and organization at the top level). */
const SCIM_USER_KEYS = new Set(
	'schemas id externalId meta userName name displayName nickName profileUrl title userType preferredLanguage locale timezone active password emails phoneNumbers ims photos addresses groups entitlements roles x509Certificates department organization'.split(' '),
);

/** How many items a tool run hands the model at most, unless the tool's Max Items says otherwise. */
export const TOOL_MAX_ITEMS = 50;

/** Whether this run is the tool variant's, under an AI Agent (n8n names the variant "<name>Tool"). */
export function isToolRun(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

// '@tool': shown in the tool variant only (n8n evaluates it against the node type's name).
const toolOnly = (show: IDataObject = {}) => ({ show: { '@tool': [true], ...show } });

/**
 * The tool description for each operation, as the editor's "Description" field of the tool variant (prefilled,
 * editable). With a parameter of this name n8n sends it as the tool's description instead of the operation's short
 * action text ("Get a user in Atlassian User Provisioning").
 */
export function toolProperties(properties: INodeProperties[]): INodeProperties[] {
	const operations = properties
		.filter((p) => p.name === 'operation' && Array.isArray(p.options))
		.flatMap((p) => ((p.displayOptions?.show?.resource as string[] | undefined) ?? []).map((resource) => ({ resource, options: p.options as INodePropertyOptions[] })));
	const descriptions: INodeProperties[] = [];
	for (const { resource, options } of operations) {
		for (const option of options) {
			const operation = String(option.value);
			const text = TOOL_DESCRIPTIONS[resource]?.[operation] ?? `${String(option.description ?? option.name)}. ${RESOURCE_NOTES[resource] ?? ''}`.trim();
			descriptions.push({
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: text,
				required: true,
				typeOptions: { rows: 4 },
				displayOptions: toolOnly({ resource: [resource], operation: [operation] }),
				description: "What the AI Agent's model is told about this tool; the $fromAI() arguments are its parameters",
			});
		}
	}
	return [
		...descriptions,
		{
			displayName: 'Compact Output',
			name: 'toolCompactOutput',
			type: 'boolean',
			default: true,
			displayOptions: toolOnly(),
			description: 'Whether to hand the model flat users and groups without empty fields, and What Changed without the whole user',
		},
		{
			displayName: 'Max Items',
			name: 'toolMaxItems',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: TOOL_MAX_ITEMS,
			displayOptions: toolOnly(),
			description: 'Max number of items to hand the model; when there are more, a note says so',
		},
	];
}

/** In tool runs, a filter the model left empty is no filter ($fromAI arguments with a default of '' are optional). */
export function toolFilters(ctx: IExecuteFunctions, filters: IDataObject): IDataObject {
	if (!isToolRun(ctx)) return filters;
	return Object.fromEntries(Object.entries(filters).filter(([, value]) => !(typeof value === 'string' && value.trim() === '')));
}

function maxItems(ctx: IExecuteFunctions): number {
	const value = ctx.getNodeParameter('toolMaxItems', 0, TOOL_MAX_ITEMS) as number;
	return Number.isInteger(value) && value >= 1 ? value : TOOL_MAX_ITEMS;
}

/** How many items a list operation keeps: its own limit, and in tool runs never more than Max Items. */
function keepOf(ctx: IExecuteFunctions, limit: number | undefined): number | undefined {
	if (!isToolRun(ctx)) return limit;
	return Math.min(limit ?? Infinity, maxItems(ctx));
}

/**
 * The number of items a list operation fetches. In tool runs one more than it keeps, so that forModel can tell
 * whether more exist; never the whole directory for "Return All".
 */
export function toolFetchLimit(ctx: IExecuteFunctions, limit: number | undefined): number | undefined {
	const keep = keepOf(ctx, limit);
	return isToolRun(ctx) && keep !== undefined ? keep + 1 : keep;
}

const isEmpty = (value: unknown) =>
	value === null ||
	value === undefined ||
	value === '' ||
	(Array.isArray(value) && value.length === 0) ||
	(typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);

/** A value without null, empty text, empty lists and empty objects, at any depth. */
export function withoutEmpty(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutEmpty).filter((v) => !isEmpty(v));
	if (value && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, v] of Object.entries(value as IDataObject)) {
			const kept = withoutEmpty(v);
			if (!isEmpty(kept)) out[key] = kept as IDataObject[string];
		}
		return out;
	}
	return value;
}

/** The fields of a user as Simplify gives it (helpers/output.ts), every one always present. */
const SIMPLE_USER_KEYS = Object.keys(simplifyUser({}));
/** The fields of a group as Simplify gives it. */
const SIMPLE_GROUP_KEYS = Object.keys(simplifyGroup({}));

const hasAll = (json: IDataObject, keys: string[]) => keys.every((key) => key in json);

/**
 * A user as the model gets it, from the SCIM user or from the user as Simplify gave it (the same fields either way):
 * without what repeats another field (the name parts of the display name, the email that is the user name) and
 * without the record's dates. What an operation added next to the user (a warning, managedAccount) is kept.
 */
function compactUser(simple: IDataObject, added: IDataObject): IDataObject {
	const out: IDataObject = { ...simple, ...added };
	if (out.displayName === `${String(out.givenName)} ${String(out.familyName)}`) {
		delete out.givenName;
		delete out.familyName;
	}
	if (typeof out.primaryEmail === 'string' && out.primaryEmail.toLowerCase() === String(out.userName).toLowerCase()) delete out.primaryEmail;
	delete out.created;
	delete out.lastModified;
	return out;
}

/** A group's member list cut like a list of items: at most `max`, with a note (memberCount keeps the total). */
function capMembers(group: IDataObject, field: 'memberNames' | 'members', max: number): IDataObject {
	const members = group[field];
	if (!Array.isArray(members) || members.length <= max) return group;
	return {
		...group,
		[field]: members.slice(0, max),
		note: `Only the first ${max} members are shown: there are ${members.length} (memberCount). This tool cannot list the rest.`,
	};
}

/**
 * One output item as the model gets it with Compact Output: SCIM resources flat, no raw user, no empty fields. Users
 * and groups come out the same whether the operation simplified them (its Simplify setting) or not.
 */
export function compactItem(json: IDataObject, maxMembers = TOOL_MAX_ITEMS): IDataObject {
	const schemas = Array.isArray(json.schemas) ? (json.schemas as string[]) : [];
	let out: IDataObject = json;
	if (schemas.includes(CORE_USER_SCHEMA) || json[ATLASSIAN_EXTERNAL_SCHEMA] !== undefined) {
		const added = Object.entries(json).filter(([key]) => !SCIM_USER_KEYS.has(key) && !key.startsWith('urn:'));
		out = compactUser(simplifyUser(json), Object.fromEntries(added));
	} else if (schemas.includes(GROUP_SCHEMA)) {
		out = capMembers(simplifyGroup(json), 'memberNames', maxMembers);
	} else if (!schemas.length && hasAll(json, SIMPLE_USER_KEYS)) {
		out = compactUser(json, {});
	} else if (!schemas.length && hasAll(json, SIMPLE_GROUP_KEYS)) {
		out = capMembers(json, 'memberNames', maxMembers);
	} else if (typeof json.accountId === 'string') {
		// An organization account: its picture and avatar URLs and self link tell a model nothing.
		out = Object.fromEntries(Object.entries(json).filter(([key]) => !['picture', 'avatar', 'links'].includes(key)));
	} else if (Array.isArray(json.changes) && json.user !== undefined) {
		// Update's What Changed: the changes say it all.
		out = Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'user'));
	}
	return withoutEmpty(out) as IDataObject;
}

/** The key of the $fromAI() call in a parameter's value (as saved: `={{ $fromAI('userName', …) }}`), if any. */
export function fromAiKey(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	return /\$fromAI\s*\(\s*(['"`])([^'"`]*)\1/i.exec(value)?.[2];
}

/** The node parameters a list can be narrowed with, per "resource:operation", and what each takes. */
const NARROWING: Record<string, Array<[path: string, what: string]>> = {
	'user:getAll': [
		['filters.userName', 'the exact user name, usually the email'],
		['filters.externalId', "the exact external ID, the identity provider's ID"],
	],
	'group:getAll': [['filters.displayName', 'the exact group name']],
	'account:search': [
		['filters.searchTerm', 'a search term: part of a name, nickname or email'],
		['filters.emails', 'exact emails'],
		['filters.status', 'statuses'],
		['filters.claimStatus', 'managed or unmanaged'],
		['filters.emailDomains', 'email domains'],
		['filters.groupIds', 'group IDs'],
		['filters.roleIds', 'roles'],
		['filters.inactiveDays', 'days without activity'],
	],
};

const at = (parameters: IDataObject, path: string): unknown =>
	path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as IDataObject)[key] : undefined), parameters);

/**
 * What the "more available" note advises: the arguments of this tool (the parameters the admin gave to the model
 * with $fromAI) that narrow this operation's list, or that there are none.
 */
function narrowingAdvice(ctx: IExecuteFunctions, cutByLimit: boolean): string {
	// The parameters as saved, with the $fromAI() expressions unresolved; resource and operation may be defaults.
	const parameters = ctx.getNode().parameters as IDataObject;
	const key = `${String(ctx.getNodeParameter('resource', 0))}:${String(ctx.getNodeParameter('operation', 0))}`;
	const exposed = (NARROWING[key] ?? [])
		.map(([path, what]) => [fromAiKey(at(parameters, path)), what] as const)
		.filter(([argument]) => argument !== undefined)
		.map(([argument, what]) => `"${String(argument)}" (${what})`);
	const limit = fromAiKey(parameters.limit);
	if (cutByLimit && limit !== undefined) exposed.push(`a higher "${limit}"`);
	if (!exposed.length) return 'This tool takes no argument that narrows the list: say that it is incomplete.';
	return `Narrow the request with ${exposed.join(' or ')} instead of listing everything.`;
}

/**
 * The output of one input item as the model gets it in a tool run: compact (unless switched off) and at most as many
 * items as kept, with a note item when more exist; a group's members are cut the same way. Outside tool runs the
 * output is returned as it is.
 */
export function forModel(ctx: IExecuteFunctions, itemIndex: number, output: IDataObject[]): IDataObject[] {
	if (!isToolRun(ctx)) return output;
	const compact = ctx.getNodeParameter('toolCompactOutput', 0, true) !== false;
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, undefined) as number | undefined);
	const max = maxItems(ctx);
	const keep = keepOf(ctx, typeof limit === 'number' ? limit : undefined) ?? max;
	const kept = (output.length > keep ? output.slice(0, keep) : output).map((json) =>
		compact ? compactItem(json, max) : capMembers(capMembers(json, 'members', max), 'memberNames', max),
	);
	if (output.length > keep) {
		kept.push({ note: `Only the first ${keep} items are shown: there are more. ${narrowingAdvice(ctx, keep < max)}` });
	}
	return kept;
}

/**
 * In tool runs the model reads only an error's message: the hint (what a valid value looks like, what to check) that
 * the node keeps in the description for the editor is added to the message.
 */
export function withToolHint<T extends NodeApiError | NodeOperationError>(ctx: IExecuteFunctions, error: T): T {
	if (!isToolRun(ctx)) return error;
	const hint = error.description?.trim();
	if (hint && !error.message.includes(hint)) error.message = `${error.message.replace(/[.\s]+$/, '')}. ${hint}`;
	return error;
}
