import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { atlassianAccountIdOf } from '../helpers/output';
import type { Change } from '../models/changes';
import { summary } from '../models/changes';
import { AtlassianClient } from '../transport/client';
import { listAll } from '../transport/directoryListing';
import { GROUP_PATH, USER_PATH } from '../transport/paths';
import { decode, type DirectoryState, HEAD, stateOf, type Value } from './directoryState';
import { DIRECTORY_EVENTS, type DirectoryEvent } from './events';
import type { PollLock } from './pollLock';
import { DEFAULT_WATCHED, watchable, WATCHABLE } from './watched';

interface CurrentUser {
	id: string;
	accountId: string | null;
	userName: string;
	displayName: string | null;
	emails: string[];
	primaryEmail: string | null;
	active: boolean;
	values: Value[];
}

interface Listing {
	users: Map<string, CurrentUser>;
	groups: Map<string, { name: string; members: string[] }>;
	/** Every user and group was listed (no page failed, none shifted): only then can anything count as deleted. */
	complete: boolean;
}

function emailsOf(user: IDataObject): { emails: string[]; primary: string | null } {
	const list = Array.isArray(user.emails) ? (user.emails as IDataObject[]) : [];
	const primary = list.find((e) => e.primary === true) ?? list[0];
	return { emails: list.map((e) => String(e.value)), primary: primary ? String(primary.value) : null };
}

function toCurrent(user: IDataObject, watched: string[]): CurrentUser {
	const { emails, primary } = emailsOf(user);
	return {
		id: String(user.id),
		accountId: atlassianAccountIdOf(user),
		userName: String(user.userName ?? ''),
		displayName: (user.displayName as string | undefined) ?? null,
		emails,
		primaryEmail: primary,
		active: user.active !== false,
		values: watched.map((w) => watchable(w)?.read(user) ?? null),
	};
}

/** Reads every user and group (every page at once, through the shared listing). A listing counts as complete when it
 * holds as many users and groups as every page said there were (Atlassian pages by offset: a deletion during the
 * listing shifts users past a page). */
async function list(client: AtlassianClient, watched: string[]): Promise<Listing> {
	const userList = await listAll(client, { path: USER_PATH, itemIndex: 0, subject: 'the directory\'s users' });
	const groupList = await listAll(client, { path: GROUP_PATH, itemIndex: 0, subject: 'the directory\'s groups' });
	const users = new Map<string, CurrentUser>();
	for (const user of userList.resources) users.set(String(user.id), toCurrent(user, watched));
	const groups = new Map<string, { name: string; members: string[] }>();
	for (const group of groupList.resources) {
		const members = Array.isArray(group.members) ? (group.members as IDataObject[]).map((m) => String(m.value)) : [];
		groups.set(String(group.id), { name: String(group.displayName ?? group.id), members });
	}
	// Counted once per id: a user shifted onto a second page during the listing is one user, not two.
	const steady = (listing: { totals: number[]; complete: boolean }, got: number) => listing.complete && got === listing.totals[0];
	return { users, groups, complete: steady(userList, users.size) && steady(groupList, groups.size) };
}

function userOut(user: CurrentUser) {
	return {
		id: user.id,
		atlassianAccountId: user.accountId,
		userName: user.userName,
		displayName: user.displayName,
		primaryEmail: user.primaryEmail,
		emails: user.emails,
		active: user.active,
	};
}

interface Emitted {
	event: DirectoryEvent;
	json: IDataObject;
}

/** The events between a saved state and a new listing, in a stable order. */
function changesBetween(previous: DirectoryState, listing: Listing, next: DirectoryState, watched: string[], seenAt: string): Emitted[] {
	const out: Emitted[] = [];
	const base = (event: DirectoryEvent) => ({ event, description: DIRECTORY_EVENTS[event], source: 'directory', seenAt });
	const byKey = new Map<string, string>();
	for (const [id, entry] of Object.entries(previous.users)) byKey.set(String(entry[0]), id);
	for (const [id, entry] of Object.entries(next.users)) byKey.set(String(entry[0]), id);
	const previousUser = (id: string) => {
		const entry = previous.users[id];
		return { id, atlassianAccountId: null, userName: entry?.[2] ?? null, displayName: entry?.[3] ?? null };
	};
	const who = (id: string) => {
		const user = listing.users.get(id);
		return user ? userOut(user) : previousUser(id);
	};

	for (const [id, group] of listing.groups) {
		if (!previous.groups[id]) out.push({ event: 'groupCreated', json: { ...base('groupCreated'), group: { id, displayName: group.name, members: group.members.length } } });
	}
	for (const user of listing.users.values()) {
		const before = previous.users[user.id];
		if (!before) {
			out.push({ event: 'userCreated', json: { ...base('userCreated'), user: userOut(user), changes: [] } });
			continue;
		}
		const changes: Change[] = [];
		watched.forEach((w, i) => {
			const at = previous.watched.indexOf(w);
			if (at === -1) return; // Newly watched: its old value was not recorded.
			const was = decode(before[HEAD + at], String(before[2]), previous.strings);
			const is = user.values[i];
			if (was !== is) changes.push({ field: watchable(w)!.name, before: was, after: is });
		});
		const wasActive = before[1] === 1;
		const statusChange: Change[] = wasActive === user.active ? [] : [{ field: 'Active', before: wasActive, after: user.active }];
		const all = [...statusChange, ...changes];
		const details = { user: userOut(user), changes: all, summary: summary(all) };
		if (wasActive && !user.active) out.push({ event: 'userDeactivated', json: { ...base('userDeactivated'), ...details } });
		if (!wasActive && user.active) out.push({ event: 'userReactivated', json: { ...base('userReactivated'), ...details } });
		if (changes.length) out.push({ event: 'userUpdated', json: { ...base('userUpdated'), ...details } });
	}
	for (const [id, group] of listing.groups) {
		const was = previous.groups[id];
		if (!was) continue;
		const before = new Set(was[1] ? was[1].split(',') : []);
		const now = new Set(next.groups[id][1] ? next.groups[id][1].split(',') : []);
		const groupOut = { id, displayName: group.name };
		for (const key of now) {
			if (!before.has(key)) out.push({ event: 'groupMembersAdded', json: { ...base('groupMembersAdded'), group: groupOut, user: who(byKey.get(key)!) } });
		}
		for (const key of before) {
			if (!now.has(key)) out.push({ event: 'groupMembersRemoved', json: { ...base('groupMembersRemoved'), group: groupOut, user: who(byKey.get(key)!) } });
		}
	}
	if (listing.complete) {
		for (const id of Object.keys(previous.users)) {
			if (!listing.users.has(id)) out.push({ event: 'userDeleted', json: { ...base('userDeleted'), user: previousUser(id), changes: [] } });
		}
		for (const [id, [name]] of Object.entries(previous.groups)) {
			if (!listing.groups.has(id)) out.push({ event: 'groupDeleted', json: { ...base('groupDeleted'), group: { id, displayName: name } } });
		}
	}
	return out;
}

/** An example event built from the directory, for "Fetch Test Event" when nothing changed since the last poll. */
async function example(this: IPollFunctions, client: AtlassianClient, events: DirectoryEvent[], seenAt: string): Promise<INodeExecutionData[]> {
	const event = events[0];
	const base = { event, description: DIRECTORY_EVENTS[event], source: 'directory', seenAt, example: true };
	const page = async (path: string) =>
		((await client.request({ method: 'GET', path, query: { startIndex: '1', count: '1' }, itemIndex: 0, shape: 'list' })).body.Resources as IDataObject[]) ?? [];
	if (event.startsWith('group')) {
		const [group] = await page(GROUP_PATH);
		if (!group) throw new NodeOperationError(this.getNode(), 'No change to show and no group in the directory to build an example event from');
		const members = Array.isArray(group.members) ? (group.members as IDataObject[]) : [];
		const groupOut = { id: String(group.id), displayName: String(group.displayName) };
		const member = members[0];
		return this.helpers.returnJsonArray([
			event === 'groupCreated' || event === 'groupDeleted'
				? { ...base, group: { ...groupOut, members: members.length } }
				: { ...base, group: groupOut, user: member ? { id: String(member.value), userName: member.display ?? null } : null },
		]);
	}
	const [raw] = await page(USER_PATH);
	if (!raw) throw new NodeOperationError(this.getNode(), 'No change to show and no user in the directory to build an example event from');
	const user = toCurrent(raw, ['title']);
	const changes: Change[] =
		event === 'userDeactivated' ? [{ field: 'Active', before: true, after: false }]
		: event === 'userReactivated' ? [{ field: 'Active', before: false, after: true }]
		: event === 'userUpdated' ? [{ field: 'Title', before: null, after: user.values[0] ?? 'Example Title' }]
		: [];
	return this.helpers.returnJsonArray([{ ...base, user: userOut(user), changes, summary: summary(changes) }]);
}

const MAX_TEST_EVENTS = 20;

/**
 * One poll of the directory. Saves state only when the whole poll succeeded; the first poll is a silent baseline.
 * Scheduled polls run under the trigger's lock (pollLock.ts); one that lost it (held past the lease) saves and emits
 * nothing. No time bound below the poll interval: changes are found by comparing a whole listing with the last
 * one, so a poll cut short would throw its work away, and a directory too big or too slow to list within the bound
 * would never report anything. A long poll instead makes the ticks that come meanwhile skip, and the first tick
 * after it ends compares from the state it saved.
 */
export async function pollDirectory(this: IPollFunctions, lock?: PollLock): Promise<INodeExecutionData[][] | null> {
	const events = this.getNodeParameter('events', []) as DirectoryEvent[];
	if (!events.length) throw new NodeOperationError(this.getNode(), 'Pick at least one event in "Events"');
	// In a fixed order (the options' order), so that changes come out in the same order whatever the selection order.
	const chosen = new Set(this.getNodeParameter('watchedAttributes', DEFAULT_WATCHED) as string[]);
	const watched = WATCHABLE.map((w) => w.value).filter((w) => chosen.has(w));
	const staticData = this.getWorkflowStaticData('node');
	const previous = staticData.directory as DirectoryState | undefined;
	const usable = previous?.v === 1 && Array.isArray(previous.strings) ? previous : undefined;
	const client = await AtlassianClient.create(this, 'scim');
	const seenAt = new Date().toISOString();
	const manual = this.getMode() === 'manual';

	if (manual && !usable) return [await example.call(this, client, events, seenAt)];
	// Groups are listed even when only user events are picked (one request for up to 100 groups), so that picking
	// group events later starts from a known state instead of reporting every group as created.
	const listing = await list(client, watched);
	const next = stateOf(listing, watched, usable);
	if (lock && !lock.holds()) return null;
	if (!usable) {
		staticData.directory = next as unknown as IDataObject;
		return null;
	}
	const wanted = new Set(events);
	const found = changesBetween(usable, listing, next, watched, seenAt).filter((e) => wanted.has(e.event));
	if (manual) {
		// Fetch Test Event shows what the next poll would report, without moving the state on.
		return [found.length ? this.helpers.returnJsonArray(found.slice(0, MAX_TEST_EVENTS).map((e) => e.json)) : await example.call(this, client, events, seenAt)];
	}
	staticData.directory = next as unknown as IDataObject;
	return found.length ? [this.helpers.returnJsonArray(found.map((e) => e.json))] : null;
}

