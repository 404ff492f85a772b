/**
 * The directory source's state, kept in the workflow's static data between polls. Per user: a short key (for group
 * memberships), whether active, the user name and display name (to say whom a deletion concerns) and the watched
 * attributes' values as What Changed shows them, in `watched` order. Values are written relative to the user name
 * ("~u" stands for it, so "ada@x.com (work, primary)" becomes "~u (work, primary)") and interned in `strings`:
 * most users share most values (organization, departments, titles, the shape of their emails). Per group: its name
 * and its members' keys. No whole records: about 100 bytes a user (docs: the README's trigger section has measured sizes).
 */
export interface DirectoryState {
	v: 1;
	watched: string[];
	/** Interned values; a user's watched values are indexes into it. */
	strings: string[];
	/** id → [key (base 36), active (1/0), userName, displayName, ...watched values (index into strings, or null)] */
	users: Record<string, Array<string | number | boolean | null>>;
	/** id → [displayName, member keys joined by ","] */
	groups: Record<string, [string, string]>;
	next: number;
}

export type Value = string | boolean | null;

/** Interns values relative to their user's name; `~` itself is written `~~`. */
export class Strings {
	readonly list: string[] = [];

	private readonly index = new Map<string, number>();

	encode(value: Value, userName: string): number | boolean | null {
		if (typeof value !== 'string') return value;
		const escape = (text: string) => text.replace(/~/g, '~~');
		const relative = userName ? escape(value).split(escape(userName)).join('~u') : escape(value);
		let at = this.index.get(relative);
		if (at === undefined) {
			at = this.list.push(relative) - 1;
			this.index.set(relative, at);
		}
		return at;
	}
}

export function decode(code: unknown, userName: string, strings: string[]): Value {
	if (typeof code === 'boolean' || code === null || code === undefined) return (code ?? null) as Value;
	const relative = strings[Number(code)];
	return relative === undefined ? null : relative.replace(/~(~|u)/g, (token) => (token === '~~' ? '~' : userName));
}

/** Where a user's watched values start in its state entry. */
export const HEAD = 4;

/** What the state keeps of a listed user. */
export interface ListedUser {
	id: string;
	active: boolean;
	userName: string;
	displayName: string | null;
	values: Value[];
}

/** What the state needs of a listing of the directory. */
export interface ListedDirectory {
	users: Map<string, ListedUser>;
	groups: Map<string, { name: string; members: string[] }>;
	/** Every user and group was listed: only then may an entry missing from the listing be dropped. */
	complete: boolean;
}

/** Builds the state of a listing; users missing from an incomplete listing keep their previous entry. */
export function stateOf(listing: ListedDirectory, watched: string[], previous?: DirectoryState): DirectoryState {
	const strings = new Strings();
	const state: DirectoryState = { v: 1, watched, strings: strings.list, users: {}, groups: {}, next: previous?.next ?? 0 };
	for (const user of listing.users.values()) {
		const key = (previous?.users[user.id]?.[0] as string | undefined) ?? (state.next++).toString(36);
		state.users[user.id] = [key, user.active ? 1 : 0, user.userName, user.displayName, ...user.values.map((v) => strings.encode(v, user.userName))];
	}
	if (previous && !listing.complete) {
		for (const [id, entry] of Object.entries(previous.users)) {
			if (state.users[id]) continue;
			const userName = String(entry[2]);
			state.users[id] = [...entry.slice(0, HEAD), ...entry.slice(HEAD).map((code) => strings.encode(decode(code, userName, previous.strings), userName))];
		}
	}
	const keyOf = (id: string) => state.users[id]?.[0] as string | undefined;
	for (const [id, group] of listing.groups) {
		state.groups[id] = [group.name, group.members.map(keyOf).filter((k): k is string => k !== undefined).join(',')];
	}
	if (previous && !listing.complete) {
		for (const [id, entry] of Object.entries(previous.groups)) if (!state.groups[id]) state.groups[id] = entry;
	}
	return state;
}
