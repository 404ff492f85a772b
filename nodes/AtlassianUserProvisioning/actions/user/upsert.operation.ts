import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type INode,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { mapInOrder } from '../../helpers/lists';
import { simplifyUser } from '../../helpers/output';
import { invalid } from '../../helpers/validation';
import type { AtlassianClient } from '../../transport/client';
import { apiError } from '../../transport/errors';
import { createdAfterLostAnswer, createdNote } from '../../transport/lostAnswers';
import { findUserByUserName, findUsersByExternalId } from '../../models/users';
import { USER_PATH, userPath } from '../../transport/paths';
import { PATCH_OP_SCHEMA } from '../../transport/schemas';
import type { Clients } from '../types';
import { summary, type Change } from '../../models/changes';
import { emailValues, type UserDirectory } from './directoryIndex';
import { directoryIfCheaper, listDirectory } from './directoryReads';
import { linkLoss, lossFields } from './linkLoss';
import { autoMapped, CLEARABLE, MAPPED_ATTRIBUTES, MATCH_KEYS, readWanted, sameKey, type MatchKey, type Wanted } from '../../models/userMapping';
import { managedFlags } from './managedStatus';
import { linkCheckFields, readLinkCheck, unlinkReason, unlinkRefused } from './unlinkGuard';
import { expectedUser, planUser, type Plan } from './upsertPlan';

const show = { resource: ['user'], operation: ['upsert'] };
const showDeactivate = { ...show, deactivateMissing: [true] };

export const DEFAULT_MAX_DEACTIVATIONS = 10;
export const DEFAULT_MAX_DEACTIVATIONS_PERCENT = 10;

export const description: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'columns',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		displayOptions: { show },
		typeOptions: {
			loadOptionsDependsOn: ['resource', 'operation'],
			resourceMapper: {
				resourceMapperMethod: 'getUserMappingFields',
				mode: 'upsert',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				matchingFieldsLabels: {
					title: 'Match Users On',
					description: 'User Name and Primary Email compare without regard to case, as Atlassian compares them; External ID exactly',
				},
			},
		},
		description:
			'Map Automatically takes the input fields named like the attributes (userName, primaryEmail or email, givenName or firstName, familyName or lastName, displayName, title, department, organization, phone, timezone, preferredLanguage, externalId, active, manager): nothing is evaluated per field. A field missing or empty in the input is left alone.',
	},
	{
		displayName: 'Deactivate Users Not in Input',
		name: 'deactivateMissing',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description: 'Whether to deactivate (never delete) the active users of the directory that no input item matches',
	},
	{
		displayName:
			'The input must be the whole source (every user who should stay): a user it leaves out is deactivated. Max Deactivations stops a run that would deactivate more, for example after an empty or cut-off export.',
		name: 'deactivateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showDeactivate },
	},
	{
		displayName: 'Max Deactivations',
		name: 'maxDeactivations',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: DEFAULT_MAX_DEACTIVATIONS,
		displayOptions: { show: showDeactivate },
		description: 'Above this many deactivations the node deactivates nobody, writes nothing and fails, naming the users',
	},
	{
		displayName: 'Max Deactivations (% of Directory)',
		name: 'maxDeactivationsPercent',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: DEFAULT_MAX_DEACTIVATIONS_PERCENT,
		displayOptions: { show: showDeactivate },
		description: 'The same guard as a share of the directory\'s users: whichever of the two limits is lower applies',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description: 'Whether to only report what would be created, updated and deactivated, with the same output, and send no change to Atlassian',
			},
			{
				displayName: 'Fields to Clear',
				name: 'fieldsToClear',
				type: 'multiOptions',
				default: [],
				options: CLEARABLE.map((a) => ({ name: a.displayName, value: a.id })),
				description: 'For these fields, an item without a value empties the attribute at Atlassian (any other field missing or empty in the input is left alone)',
			},
		],
	},
	...linkCheckFields(['upsert']),
];

type Outcome = 'created' | 'updated' | 'unchanged' | 'deactivated' | 'failed' | 'duplicate';

interface Planned {
	wanted: Wanted;
	current?: IDataObject;
	plan: Plan;
}

const KEY_LABEL: Record<MatchKey, string> = { userName: 'user name', externalId: 'external ID', primaryEmail: 'primary email' };

function matchKeyOf(columns: unknown): MatchKey {
	const first = Array.isArray(columns) ? columns[0] : undefined;
	return MATCH_KEYS.includes(first as MatchKey) ? (first as MatchKey) : 'userName';
}

/** The text an item is matched on, before any other check, so that a failed item still counts as "in the input". */
function rawKey(fields: IDataObject, matchOn: MatchKey): string | undefined {
	const value = fields[matchOn];
	return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

/** The keys a directory user is known by, to tell whether any input item names it. */
function keysOf(user: IDataObject, matchOn: MatchKey): string[] {
	if (matchOn === 'userName') return typeof user.userName === 'string' ? [sameKey(matchOn, user.userName)] : [];
	if (matchOn === 'externalId') return typeof user.externalId === 'string' ? [user.externalId] : [];
	return emailValues(user).map((e) => sameKey(matchOn, e));
}

function userSummary(user: IDataObject): IDataObject {
	const flat = simplifyUser(user);
	return { id: flat.id ?? null, userName: flat.userName ?? null, displayName: flat.displayName, primaryEmail: flat.primaryEmail };
}

/** One request per distinct key (user name or external ID filter): the directory was not worth listing. */
async function lookUp(client: AtlassianClient, matchOn: MatchKey, wanted: Wanted): Promise<IDataObject[]> {
	if (matchOn === 'userName') {
		const user = await findUserByUserName(client, wanted.key, wanted.itemIndex);
		return user?.id ? [user] : [];
	}
	return (await findUsersByExternalId(client, wanted.key, wanted.itemIndex)).users;
}

function candidatesIn(directory: UserDirectory, matchOn: MatchKey, key: string): IDataObject[] {
	if (matchOn === 'userName') {
		const user = directory.byUserName(key);
		return user ? [user] : [];
	}
	return matchOn === 'externalId' ? directory.byExternalId(key) : directory.byEmail(key);
}

/**
 * Create or Update: makes the directory match the input. Every item is mapped and checked, the directory read (listed
 * or one lookup per user, by request count), every user planned, and the deactivation guard applied, all before the
 * first write; then only what differs is sent, several requests at a time through the client's pacer.
 */
export async function executeAll(this: IExecuteFunctions, clients: Clients): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const mappingMode = this.getNodeParameter('columns.mappingMode', 0, 'defineBelow') as string;
	const matchOn = matchKeyOf(this.getNodeParameter('columns.matchingColumns', 0, []));
	const deactivateMissing = this.getNodeParameter('deactivateMissing', 0, false) as boolean;
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const dryRun = options.dryRun === true;
	const clear = (options.fieldsToClear as string[] | undefined) ?? [];
	// Read before any request, so a missing Organization API credential is named before anything is sent.
	const link = readLinkCheck(this, 0);

	const out: INodeExecutionData[][] = items.map(() => []);
	const failedItem = (itemIndex: number, caught: unknown, extra: IDataObject): INodeExecutionData => {
		const error = caught instanceof NodeApiError || caught instanceof NodeOperationError ? caught : new NodeOperationError(node, caught as Error, { itemIndex });
		error.context.itemIndex ??= itemIndex;
		if (!continueOnFail) throw error;
		// In the output with the others, as the bulk account operations do: n8n would replace the JSON of an item that
		// carries `error` with the message alone, and an email table needs the outcome and the user's key.
		const httpCode = error instanceof NodeApiError ? error.httpCode : null;
		return {
			json: { outcome: 'failed' satisfies Outcome, ...extra, error: error.message, errorDescription: error.description ?? null, statusCode: httpCode ? Number(httpCode) : null },
			pairedItem: { item: itemIndex },
		};
	};
	const failed = (itemIndex: number, caught: unknown, extra: IDataObject = {}) => {
		out[itemIndex] = [failedItem(itemIndex, caught, extra)];
	};

	// 1. Map and check every item; nothing is sent yet.
	const inputKeys = new Set<string>();
	let unnamed = 0;
	const wanted: Wanted[] = [];
	for (let i = 0; i < items.length; i++) {
		let fields: IDataObject = {};
		try {
			fields = mappingMode === 'autoMapInputData' ? autoMapped(items[i].json) : ((this.getNodeParameter('columns.value', i, {}) as IDataObject | null) ?? {});
			const key = rawKey(fields, matchOn);
			if (key) inputKeys.add(sameKey(matchOn, key));
			else unnamed++;
			wanted.push(readWanted(node, i, fields, matchOn));
		} catch (caught) {
			failed(i, caught, { [matchOn]: rawKey(fields, matchOn) ?? null });
		}
	}

	// 2. Duplicates in the input: the first item does it, the others say so.
	const firstByKey = new Map<string, Wanted>();
	const unique: Wanted[] = [];
	const duplicate = (w: Wanted, first: Wanted, why: string) => {
		out[w.itemIndex] = [
			{
				json: { outcome: 'duplicate' satisfies Outcome, [matchOn]: w.key, duplicateOfItem: first.itemIndex + 1, message: `${why} as item ${first.itemIndex + 1}: done once, by that item` },
				pairedItem: { item: w.itemIndex },
			},
		];
	};
	for (const w of wanted) {
		const first = firstByKey.get(sameKey(matchOn, w.key));
		if (first) duplicate(w, first, `Same ${KEY_LABEL[matchOn]}`);
		else {
			firstByKey.set(sameKey(matchOn, w.key), w);
			unique.push(w);
		}
	}

	// 3. Read the directory: listed when it must be (by email, or to find who is not in the input) or when cheaper.
	const client = await clients.scim();
	const managers = new Set(unique.map((w) => w.values.get('manager')).filter((m): m is string => typeof m === 'string').map((m) => m.toLowerCase()));
	const directory =
		deactivateMissing || matchOn === 'primaryEmail' ? await listWhole(client, node) : await directoryIfCheaper(client, unique.length + managers.size);
	const found = new Map<Wanted, IDataObject[]>();
	const managerIds = new Map<string, string | undefined>();
	if (!directory) {
		await mapInOrder(unique, client.settings.maxConcurrency, async (w) => {
			try {
				found.set(w, await lookUp(client, matchOn, w));
			} catch (caught) {
				failed(w.itemIndex, caught, { [matchOn]: w.key });
			}
		});
		await mapInOrder([...managers], client.settings.maxConcurrency, async (name) => {
			managerIds.set(name, (await findUserByUserName(client, name, 0, { attributes: 'userName' }))?.id as string | undefined);
		});
	}
	const managerId = (name: string) => (directory ? (directory.byUserName(name)?.id as string | undefined) : managerIds.get(name.toLowerCase()));
	const nameOf = (id: string) => directory?.byId(id)?.userName as string | undefined;

	// 4. Plan every user.
	const planned: Planned[] = [];
	const matchedIds = new Map<string, Wanted>();
	for (const w of unique) {
		if (out[w.itemIndex].length) continue; // its lookup failed
		try {
			const candidates = directory ? candidatesIn(directory, matchOn, w.key) : (found.get(w) ?? []);
			if (candidates.length > 1) {
				const named = candidates.slice(0, 5).map((u) => `"${String(u.userName)}"`).join(', ');
				throw invalid(node, w.itemIndex, MAPPED_ATTRIBUTES.find((a) => a.id === matchOn)!.displayName, `${candidates.length} users have the ${KEY_LABEL[matchOn]} "${w.key}": ${named}`, `a ${KEY_LABEL[matchOn]} that only one user has, or match on another field`);
			}
			const current = candidates[0];
			if (current) {
				const first = matchedIds.get(String(current.id));
				if (first) {
					duplicate(w, first, `Same user ("${String(current.userName)}")`);
					continue;
				}
				matchedIds.set(String(current.id), w);
			}
			const manager = w.values.get('manager');
			const manages = typeof manager === 'string' ? managerId(manager) : undefined;
			if (typeof manager === 'string' && !manages) {
				throw invalid(node, w.itemIndex, 'Manager', `no user has the user name "${manager}" in this directory`, "the manager's exact user name (a manager created in this same run is set on the next run)");
			}
			planned.push({ wanted: w, current, plan: planUser(current ? w : creatable(this, w), current, manages, clear, nameOf) });
		} catch (caught) {
			failed(w.itemIndex, caught, { [matchOn]: w.key });
		}
	}

	// 4b. With Check Account Link Before Updating: an update that Atlassian would answer by unlinking the account is
	// refused before anything is written (unlinkGuard.ts), as Update does.
	if (link.check && !link.allowUnlink) {
		const admin = await clients.admin();
		const refused = new Set<Planned>();
		const updates = planned.filter((p) => p.plan.outcome === 'updated' && p.current);
		// One claim-status search for many users, not one per user (if it fails, each user is asked on its own).
		const managed = await managedFlags(admin, updates.map((p) => p.current!), 0).catch(() => undefined);
		await mapInOrder(updates, client.settings.maxConcurrency, async (p, n) => {
			if (p.plan.outcome !== 'updated') return;
			const emails = p.plan.operations.find((o) => o.path === 'emails')?.value;
			try {
				const reason = await unlinkReason(admin, clients, p.current!, emails, p.wanted.itemIndex, managed?.[n]);
				if (reason) throw unlinkRefused(node, p.wanted.itemIndex, `user "${String(p.current!.userName)}"`, reason);
			} catch (caught) {
				refused.add(p);
				failed(p.wanted.itemIndex, caught, { [matchOn]: p.wanted.key });
			}
		});
		if (refused.size) planned.splice(0, planned.length, ...planned.filter((p) => !refused.has(p)));
	}

	// 5. Who is not in the input, and the guard against an empty or cut-off source.
	const toDeactivate: IDataObject[] = [];
	if (deactivateMissing && directory) {
		if (unnamed > 0) {
			throw new NodeOperationError(node, `Deactivate Users Not in Input: ${unnamed} input item(s) have no ${KEY_LABEL[matchOn]}, so the node cannot tell whom they stand for. Nothing was written.`, {
				description: `Every item needs the field users are matched on (${matchOn}) when Deactivate Users Not in Input is on, or a user it stands for would be deactivated.`,
			});
		}
		for (const user of directory.users) {
			if (user.active === false || matchedIds.has(String(user.id))) continue;
			if (keysOf(user, matchOn).some((k) => inputKeys.has(k))) continue;
			toDeactivate.push(user);
		}
		const maxCount = Math.max(0, Math.floor(Number(this.getNodeParameter('maxDeactivations', 0, DEFAULT_MAX_DEACTIVATIONS))));
		const percent = Math.max(0, Number(this.getNodeParameter('maxDeactivationsPercent', 0, DEFAULT_MAX_DEACTIVATIONS_PERCENT)));
		const byShare = Math.floor((directory.total * percent) / 100);
		const limit = Math.min(maxCount, byShare);
		if (toDeactivate.length > limit) {
			const first = toDeactivate.slice(0, 10).map((u) => String(u.userName)).join(', ');
			throw new NodeOperationError(
				node,
				`Deactivate Users Not in Input: ${toDeactivate.length} users are in no input item, more than the ${limit} allowed (Max Deactivations ${maxCount}; ${percent}% of ${directory.total} users is ${byShare}). Nobody was deactivated and nothing was written.`,
				{
					description: `First of them: ${first}${toDeactivate.length > 10 ? ', …' : ''}. Check that the input holds the whole source (an empty or cut-off export looks like everyone left); if these users really left, raise Max Deactivations.`,
				},
			);
		}
	}

	// 6. Write: only what differs, several at a time; nothing in a dry run. Without Continue On Fail, no write starts
	// after a failure, and the first failure is thrown once the writes in flight are done.
	let stopped: unknown;
	const write = async <T>(task: () => Promise<T>): Promise<{ done?: T; error?: unknown }> => {
		if (stopped) return {};
		try {
			return { done: await task() };
		} catch (caught) {
			if (!continueOnFail) stopped ??= caught;
			return { error: caught };
		}
	};
	const width = client.settings.maxConcurrency;
	const results = await mapInOrder(planned, width, async (p) => {
		if (dryRun || p.plan.outcome === 'unchanged') return { done: { after: expectedUser(p.current, p.plan), note: undefined as string | undefined } };
		return await write(async () => {
			const sent = await send(client, node, p);
			// Recorded as it is accepted: a run that fails later lists what was written (router.ts).
			clients.wrote(p.wanted.itemIndex, String(sent.after.userName ?? p.wanted.key), p.plan.outcome);
			return sent;
		});
	});
	const deactivated = await mapInOrder(toDeactivate, width, async (user) =>
		dryRun
			? { done: { ...user, active: false } }
			: await write(async () => {
					const after = await deactivate(client, user);
					clients.wrote(0, String(user.userName), 'deactivated (not in the input)');
					return after;
				}),
	);
	if (stopped) throw stopped;

	planned.forEach((p, n) => {
		const { done: result, error } = results[n];
		if (!result) {
			out[p.wanted.itemIndex] = [failedItem(p.wanted.itemIndex, error, { [matchOn]: p.wanted.key })];
			return;
		}
		const loss = p.current && !dryRun && p.plan.outcome === 'updated' ? linkLoss(p.current, result.after) : undefined;
		out[p.wanted.itemIndex] = [
			{
				json: {
					outcome: p.plan.outcome satisfies Outcome,
					...userSummary(result.after),
					changes: p.plan.changes,
					summary: summary(p.plan.changes),
					...(result.note ? { createNote: result.note } : {}),
					...(loss ? lossFields(loss) : {}),
					user: simplifyUser(result.after),
				},
				pairedItem: { item: p.wanted.itemIndex },
			},
		];
	});
	// Users not in the input come from the input as a whole; n8n needs a paired item, so they pair with the first.
	const deactivatedItems: INodeExecutionData[] = [];
	toDeactivate.forEach((user, n) => {
		const { done: after, error } = deactivated[n];
		if (!after) {
			deactivatedItems.push({ ...failedItem(0, error, { userName: user.userName ?? null }), pairedItem: { item: 0 } });
			return;
		}
		const changes: Change[] = [{ field: 'Active', before: true, after: false }];
		deactivatedItems.push({
			json: { outcome: 'deactivated' satisfies Outcome, ...userSummary(after), changes, summary: summary(changes), user: simplifyUser(after) },
			pairedItem: { item: 0 },
		});
	});
	const all = [...out.flat(), ...deactivatedItems];
	if (dryRun) for (const item of all) item.json.dryRun = true;
	return all;
}

/** A whole listing; one that shifted under a concurrent change is read once more, and refused if it shifts again. */
async function listWhole(client: AtlassianClient, node: INode): Promise<UserDirectory> {
	for (let attempt = 1; ; attempt++) {
		const directory = await listDirectory(client);
		if (directory.complete) return directory;
		if (attempt === 2) {
			throw new NodeOperationError(node, `The directory changed while it was being read (Atlassian said ${directory.total} users, the pages held ${directory.users.length}). Nothing was written; run the workflow again.`);
		}
	}
}

/** A user to create needs a user name and an email: either stands in for the other when it is an email address. */
function creatable(ctx: IExecuteFunctions, w: Wanted): Wanted {
	const values = new Map(w.values);
	const email = values.get('primaryEmail');
	const userName = values.get('userName');
	if (userName === undefined && typeof email === 'string') values.set('userName', email);
	if (email === undefined && typeof userName === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(userName)) values.set('primaryEmail', userName);
	if (!values.has('userName') || !values.has('primaryEmail')) {
		const missing = values.has('userName') ? 'Primary Email (primaryEmail)' : 'User Name (userName)';
		throw invalid(ctx.getNode(), w.itemIndex, missing, 'missing: no user matches this item, and a new user needs a user name and an email', '"ada.lovelace@example.com"');
	}
	return { ...w, values };
}

async function send(client: AtlassianClient, node: INode, p: Planned): Promise<{ after: IDataObject; note?: string }> {
	const i = p.wanted.itemIndex;
	const plan = p.plan;
	if (plan.outcome === 'created') {
		const userName = String(plan.document.userName);
		const unique = [userName, ...emailValues(plan.document)];
		const startedAt = Date.now();
		const response = await client.request({ method: 'POST', path: USER_PATH, body: plan.document, itemIndex: i, subject: `user "${userName}"`, expect: [409], idempotent: false, shape: 'resource', unique });
		if (response.statusCode !== 409) return { after: response.body };
		// Never re-sent blindly: a 409 after a lost answer may be this run's own first attempt.
		const found = await createdAfterLostAnswer(response, startedAt, async () => await findUserByUserName(client, userName, i));
		if (!found) throw apiError(node, { statusCode: 409, body: response.body }, { api: 'scim', itemIndex: i, subject: `user "${userName}"`, attempts: 1, unique });
		return { after: found, note: createdNote('user') };
	}
	if (plan.outcome !== 'updated') throw new Error('nothing to send');
	const id = String(p.current!.id);
	const label = `user "${String(p.current!.userName)}"`;
	const response = await client.request({
		method: 'PATCH',
		path: userPath(id),
		body: { schemas: [PATCH_OP_SCHEMA], Operations: plan.operations },
		itemIndex: i,
		subject: label,
		shape: 'resource',
		unique: [p.wanted.values.get('userName'), p.wanted.values.get('primaryEmail')].filter((v): v is string => typeof v === 'string'),
	});
	if (Object.keys(response.body).length) return { after: response.body };
	return { after: (await client.request({ method: 'GET', path: userPath(id), itemIndex: i, subject: label, shape: 'resource' })).body };
}

async function deactivate(client: AtlassianClient, user: IDataObject): Promise<IDataObject> {
	const response = await client.request({
		method: 'PATCH',
		path: userPath(String(user.id)),
		body: { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] },
		itemIndex: 0,
		subject: `user "${String(user.userName)}" (not in the input)`,
		shape: 'resource',
	});
	return Object.keys(response.body).length ? response.body : { ...user, active: false };
}
