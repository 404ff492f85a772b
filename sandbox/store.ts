import { createHash, randomUUID } from 'node:crypto';

import { OrderedIndex } from './orderedIndex';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

/**
 * A SCIM user as stored: the SCIM representation Atlassian returns, minus `groups` and `meta.location` (both are
 * derived when answering). Tests read these directly, e.g. `user[EXTERNAL].atlassianAccountId`.
 */
export type UserDoc = Record<string, any> & { id: string; userName: string };

export interface GroupRecord {
	id: string;
	displayName: string;
	externalId?: string;
	/** SCIM user ids in the order they were added (a Set: add/remove are O(1), a group may hold 35,000). */
	members: Set<string>;
	created: string;
	lastModified: string;
}

/** An Atlassian account. It outlives SCIM records: DELETE of a SCIM user only deactivates a managed account. */
export interface Account {
	accountId: string;
	email: string;
	/** The email's domain is one of the org's verified domains. */
	managed: boolean;
	active: boolean;
}

/** A deterministic 24-hex Atlassian account ID per email (and attempt), shaped like real AAIDs. */
export function accountIdFor(email: string, attempt = 0): string {
	return createHash('sha256')
		.update(`aaid:${email.toLowerCase()}${attempt ? `#${attempt}` : ''}`)
		.digest('hex')
		.slice(0, 24);
}

export function deterministicUuid(seed: string): string {
	const h = createHash('sha256').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function newId(): string {
	return randomUUID();
}

export function primaryEmail(user: UserDoc): string | undefined {
	return (user.emails as Array<{ value: string; primary?: boolean }> | undefined)?.find((e) => e.primary)?.value;
}

const lower = (s: string) => s.toLowerCase();

/**
 * One SCIM directory: users in creation order, O(1) indexes for the two user filters, emails and account links,
 * and groups with a name index. Every change goes through these methods so the indexes stay right.
 */
export class DirectoryStore {
	readonly users = new Map<string, UserDoc>();

	readonly groups = new Map<string, GroupRecord>();

	/** userId → groupIds, so a user's `groups` and a delete are O(its groups). */
	readonly membership = new Map<string, Set<string>>();

	private readonly userOrder = new OrderedIndex<UserDoc>();

	private readonly groupOrder = new OrderedIndex<GroupRecord>();

	private readonly byUserName = new Map<string, string>();

	/**
	 * externalId → SCIM id, or the ids when several users share it (Atlassian leaves its uniqueness to the client).
	 * A plain string in the usual case keeps seeding 50,000 users as cheap as before.
	 */
	private readonly byExternalId = new Map<string, string | Set<string>>();

	private readonly byEmail = new Map<string, string>();

	private readonly byAccount = new Map<string, Set<string>>();

	private readonly byGroupName = new Map<string, string>();

	private snapshot: UserDoc[] | undefined;

	constructor(
		readonly id: string,
		readonly key: string,
	) {}

	/** All users in creation order (O(n); for assertions and the control API, not for request handling). */
	list(): UserDoc[] {
		this.snapshot ??= this.userOrder.values();
		return this.snapshot;
	}

	get userCount(): number {
		return this.userOrder.size;
	}

	/** One SCIM page: 1-based start, O(count · log n). */
	pageUsers(start: number, count: number): UserDoc[] {
		return this.userOrder.page(start, count);
	}

	idByUserName(userName: string): string | undefined {
		return this.byUserName.get(lower(userName));
	}

	/** externalId is case-exact at Atlassian, and not unique: every SCIM id with it, in creation order. */
	idsByExternalId(externalId: string): string[] {
		const entry = this.byExternalId.get(externalId);
		if (entry === undefined) return [];
		if (typeof entry === 'string') return [entry];
		return this.list().filter((u) => entry.has(u.id)).map((u) => u.id);
	}

	/** Any email (primary or not) of any SCIM user in this directory, case-insensitive. */
	idByEmail(email: string): string | undefined {
		return this.byEmail.get(lower(email));
	}

	idsByAccount(accountId: string): string[] {
		return [...(this.byAccount.get(accountId) ?? [])];
	}

	/** Inserts or replaces a user, keeping the indexes right (a replaced user keeps its place and object). */
	put(next: UserDoc): UserDoc {
		const old = this.users.get(next.id);
		let user = next;
		if (old) {
			this.unindex(old);
			if (old !== next) {
				for (const key of Object.keys(old)) delete old[key];
				user = Object.assign(old, next);
			}
		} else {
			this.users.set(user.id, user);
			this.userOrder.append(user.id, user);
			this.snapshot = undefined;
		}
		this.index(user);
		return user;
	}

	/** Links the record to an account, or unlinks it (null). */
	setAccount(user: UserDoc, accountId: string | null): void {
		this.unindex(user);
		user[EXTERNAL] = { atlassianAccountId: accountId };
		this.index(user);
	}

	removeUser(id: string): boolean {
		const user = this.users.get(id);
		if (!user) return false;
		this.unindex(user);
		this.users.delete(id);
		this.userOrder.remove(id);
		this.snapshot = undefined;
		this.leaveAllGroups(id);
		this.membership.delete(id);
		return true;
	}

	groupIdByName(displayName: string): string | undefined {
		return this.byGroupName.get(lower(displayName));
	}

	get groupCount(): number {
		return this.groupOrder.size;
	}

	pageGroups(start: number, count: number): GroupRecord[] {
		return this.groupOrder.page(start, count);
	}

	addGroup(group: GroupRecord): GroupRecord {
		this.groups.set(group.id, group);
		this.groupOrder.append(group.id, group);
		this.byGroupName.set(lower(group.displayName), group.id);
		for (const userId of group.members) this.membershipOf(userId).add(group.id);
		return group;
	}

	removeGroup(id: string): boolean {
		const group = this.groups.get(id);
		if (!group) return false;
		for (const userId of group.members) this.membership.get(userId)?.delete(id);
		this.groups.delete(id);
		this.groupOrder.remove(id);
		this.byGroupName.delete(lower(group.displayName));
		return true;
	}

	addMember(group: GroupRecord, userId: string): void {
		group.members.add(userId);
		this.membershipOf(userId).add(group.id);
	}

	removeMember(group: GroupRecord, userId: string): void {
		group.members.delete(userId);
		this.membership.get(userId)?.delete(group.id);
	}

	leaveAllGroups(userId: string): void {
		for (const groupId of [...(this.membership.get(userId) ?? [])]) {
			const group = this.groups.get(groupId);
			if (group) this.removeMember(group, userId);
		}
	}

	groupsOf(userId: string): GroupRecord[] {
		return [...(this.membership.get(userId) ?? [])].map((id) => this.groups.get(id)).filter((g): g is GroupRecord => !!g);
	}

	/** Empties the directory in place (callers may hold this object). */
	clear(): void {
		for (const map of [this.users, this.groups, this.membership, this.byUserName, this.byExternalId, this.byEmail, this.byAccount, this.byGroupName]) {
			map.clear();
		}
		this.userOrder.clear();
		this.groupOrder.clear();
		this.snapshot = undefined;
	}

	private membershipOf(userId: string): Set<string> {
		let set = this.membership.get(userId);
		if (!set) this.membership.set(userId, (set = new Set()));
		return set;
	}

	private index(user: UserDoc): void {
		this.byUserName.set(lower(user.userName), user.id);
		if (typeof user.externalId === 'string') {
			const entry = this.byExternalId.get(user.externalId);
			if (entry === undefined || entry === user.id) this.byExternalId.set(user.externalId, user.id);
			else if (typeof entry === 'string') this.byExternalId.set(user.externalId, new Set([entry, user.id]));
			else entry.add(user.id);
		}
		for (const email of (user.emails as Array<{ value: string }>) ?? []) this.byEmail.set(lower(String(email.value)), user.id);
		const accountId = user[EXTERNAL]?.atlassianAccountId;
		if (typeof accountId === 'string') {
			let set = this.byAccount.get(accountId);
			if (!set) this.byAccount.set(accountId, (set = new Set()));
			set.add(user.id);
		}
	}

	private unindex(user: UserDoc): void {
		if (this.byUserName.get(lower(user.userName)) === user.id) this.byUserName.delete(lower(user.userName));
		if (typeof user.externalId === 'string') {
			const entry = this.byExternalId.get(user.externalId);
			if (entry === user.id) this.byExternalId.delete(user.externalId);
			else if (entry instanceof Set) {
				entry.delete(user.id);
				if (entry.size === 1) this.byExternalId.set(user.externalId, [...entry][0]);
			}
		}
		for (const email of (user.emails as Array<{ value: string }>) ?? []) {
			const key = lower(String(email.value));
			if (this.byEmail.get(key) === user.id) this.byEmail.delete(key);
		}
		const accountId = user[EXTERNAL]?.atlassianAccountId;
		if (typeof accountId === 'string') {
			const set = this.byAccount.get(accountId);
			set?.delete(user.id);
			if (set && !set.size) this.byAccount.delete(accountId);
		}
	}
}

export interface ScimLink {
	scimUserId: string;
	atlassianAccountId: string | null;
	orgId: string;
	directoryId: string;
}

/** Everything the sandbox knows: the org's directories and the Atlassian accounts (which outlive SCIM records). */
export class SandboxStore {
	readonly directories = new Map<string, DirectoryStore>();

	readonly accounts = new Map<string, Account>();

	/** lower-cased email → accountId */
	readonly accountByEmail = new Map<string, string>();

	private readonly verified: Set<string>;

	constructor(
		directories: Array<{ id: string; key: string }>,
		verifiedDomains: string[],
	) {
		for (const d of directories) this.directories.set(d.id, new DirectoryStore(d.id, d.key));
		this.verified = new Set(verifiedDomains.map(lower));
	}

	directory(id: string): DirectoryStore | undefined {
		return this.directories.get(id);
	}

	/** The users of a directory, in creation order, as stored (for assertions). */
	users(directoryId: string): UserDoc[] {
		return this.directories.get(directoryId)?.list() ?? [];
	}

	groups(directoryId: string): GroupRecord[] {
		return [...(this.directories.get(directoryId)?.groups.values() ?? [])];
	}

	/** The org's verified domains, sorted (GET /admin/v1/orgs/{orgId}/domains). */
	verifiedDomains(): string[] {
		return [...this.verified].sort();
	}

	/** Managed = the email's domain is verified by the org (Atlassian's rule for "managed accounts"). */
	isVerified(email: string): boolean {
		return this.verified.has(lower(email.split('@').pop() ?? ''));
	}

	accountByAddress(email: string): Account | undefined {
		const id = this.accountByEmail.get(lower(email));
		return id ? this.accounts.get(id) : undefined;
	}

	/** The account for an email: an existing one is reused (a SCIM create links to it), else a new one is made. */
	accountFor(email: string): Account {
		const existing = this.accountByAddress(email);
		if (existing) return existing;
		let attempt = 0;
		let accountId = accountIdFor(email);
		// An account whose email changed keeps its ID; a new account for its old email must not collide with it.
		while (this.accounts.has(accountId)) accountId = accountIdFor(email, ++attempt);
		const account: Account = { accountId, email: lower(email), managed: this.isVerified(email), active: true };
		this.accounts.set(accountId, account);
		this.accountByEmail.set(account.email, accountId);
		return account;
	}

	/** Moves an account to a new email address (the caller checked that no other account holds it). */
	changeAccountEmail(account: Account, email: string): void {
		if (this.accountByEmail.get(account.email) === account.accountId) this.accountByEmail.delete(account.email);
		account.email = lower(email);
		this.accountByEmail.set(account.email, account.accountId);
	}

	/** SCIM links of an account across every directory of the org, O(directories + links). */
	linksForAccount(orgId: string, accountId: string): ScimLink[] {
		const links: ScimLink[] = [];
		for (const dir of this.directories.values()) {
			for (const scimUserId of dir.idsByAccount(accountId)) links.push({ scimUserId, atlassianAccountId: accountId, orgId, directoryId: dir.id });
		}
		return links;
	}

	/** SCIM users whose primary email matches (case-insensitive), in any directory; several are possible. */
	linksForEmail(orgId: string, email: string): ScimLink[] {
		const links: ScimLink[] = [];
		for (const dir of this.directories.values()) {
			const id = dir.idByEmail(email);
			const user = id ? dir.users.get(id) : undefined;
			if (user && lower(primaryEmail(user) ?? '') === lower(email)) {
				links.push({ scimUserId: user.id, atlassianAccountId: user[EXTERNAL]?.atlassianAccountId ?? null, orgId, directoryId: dir.id });
			}
		}
		return links;
	}

	/** Wipes users, groups and accounts in place (tests hold references to the directory objects). */
	clear(): void {
		for (const dir of this.directories.values()) dir.clear();
		this.accounts.clear();
		this.accountByEmail.clear();
	}
}
