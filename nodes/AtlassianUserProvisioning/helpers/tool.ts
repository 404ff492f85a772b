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

/** A simplified user without what repeats another field: the name parts of the display name, the email that is the user name. */
function withoutRepeats(user: IDataObject): IDataObject {
	const out = { ...user };
	if (out.displayName === `${String(out.givenName)} ${String(out.familyName)}`) {
		delete out.givenName;
		delete out.familyName;
	}
	if (typeof out.primaryEmail === 'string' && out.primaryEmail.toLowerCase() === String(out.userName).toLowerCase()) delete out.primaryEmail;
	return out;
}

/** One output item as the model gets it with Compact Output: SCIM resources flat, no raw user, no empty fields. */
export function compactItem(json: IDataObject): IDataObject {
	const schemas = Array.isArray(json.schemas) ? (json.schemas as string[]) : [];
	let out: IDataObject = json;
	if (schemas.includes(CORE_USER_SCHEMA) || json[ATLASSIAN_EXTERNAL_SCHEMA] !== undefined) {
		// What an operation added next to the user (a warning, a lost account link) is kept.
		const added = Object.entries(json).filter(([key]) => !SCIM_USER_KEYS.has(key) && !key.startsWith('urn:'));
		out = { ...withoutRepeats(simplifyUser(json)), ...Object.fromEntries(added) };
	} else if (schemas.includes(GROUP_SCHEMA)) {
		out = simplifyGroup(json);
	} else if (typeof json.accountId === 'string') {
		// An organization account: its picture and avatar URLs and self link tell a model nothing.
		out = Object.fromEntries(Object.entries(json).filter(([key]) => !['picture', 'avatar', 'links'].includes(key)));
	} else if (Array.isArray(json.changes) && json.user !== undefined) {
		// Update's What Changed: the changes say it all.
		out = Object.fromEntries(Object.entries(json).filter(([key]) => key !== 'user'));
	}
	return withoutEmpty(out) as IDataObject;
}

/**
 * The output of one input item as the model gets it in a tool run: compact (unless switched off) and at most as many
 * items as kept, with a note item when more exist. Outside tool runs the output is returned as it is.
 */
export function forModel(ctx: IExecuteFunctions, itemIndex: number, output: IDataObject[]): IDataObject[] {
	if (!isToolRun(ctx)) return output;
	const compact = ctx.getNodeParameter('toolCompactOutput', 0, true) !== false;
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const limit = returnAll ? undefined : (ctx.getNodeParameter('limit', itemIndex, undefined) as number | undefined);
	const keep = keepOf(ctx, typeof limit === 'number' ? limit : undefined) ?? maxItems(ctx);
	const kept = (output.length > keep ? output.slice(0, keep) : output).map((json) => (compact ? compactItem(json) : json));
	if (output.length > keep) {
		kept.push({
			note: `Only the first ${keep} items are shown: there are more. Narrow the request with a filter (e.g. an exact user name or a search term) instead of listing everything.`,
		});
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
