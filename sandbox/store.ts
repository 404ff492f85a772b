import { createHash, randomUUID } from 'node:crypto';

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const EXTERNAL = 'urn:scim:schemas:extension:atlassian-external:1.0';

export type UserDoc = Record<string, any> & { id: string; userName: string };
export interface GroupRecord {
	id: string;
	displayName: string;
	externalId?: string;
	members: Set<string>;
	created: string;
	lastModified: string;
}
export interface Account {
	accountId: string;
	email: string;
	managed: boolean;
}

/** A deterministic 24-hex Atlassian account ID per email, like the real ones. */
export function accountIdFor(email: string): string {
	return createHash('sha256').update(`aaid:${email.toLowerCase()}`).digest('hex').slice(0, 24);
}

export function deterministicUuid(seed: string): string {
	const h = createHash('sha256').update(seed).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function newId(): string {
	return randomUUID();
}

/** One SCIM directory: users in creation order with indexes for the two filters and for emails, and groups. */
export class DirectoryStore {
	readonly users = new Map<string, UserDoc>();

	readonly groups = new Map<string, GroupRecord>();

	private readonly byUserName = new Map<string, string>();

	private readonly byExternalId = new Map<string, string>();

	private readonly byEmail = new Map<string, string>();

	/** userId → groupIds, so a user's `groups` and a delete are O(its groups). */
	readonly membership = new Map<string, Set<string>>();

	private ordered: UserDoc[] | undefined;

	constructor(readonly id: string, readonly key: string) {}

	list(): UserDoc[] {
		this.ordered ??= [...this.users.values()];
		return this.ordered;
	}

	idByUserName(userName: string) {
		return this.byUserName.get(userName.toLowerCase());
	}

	idByExternalId(externalId: string) {
		return this.byExternalId.get(externalId);
	}

	idByEmail(email: string) {
		return this.byEmail.get(email.toLowerCase());
	}

	/** Inserts or replaces a user, keeping the indexes right. */
	put(next: UserDoc): UserDoc {
		const old = this.users.get(next.id);
		let user = next;
		if (old) {
			// Same object, new content: the ordered list stays valid without a search.
			this.unindex(old);
			for (const key of Object.keys(old)) delete old[key];
			user = Object.assign(old, next);
		} else {
			this.ordered = undefined;
			this.users.set(user.id, user);
		}
		this.byUserName.set(user.userName.toLowerCase(), user.id);
		if (typeof user.externalId === 'string') this.byExternalId.set(user.externalId, user.id);
		for (const email of (user.emails as Array<{ value: string }>) ?? []) this.byEmail.set(String(email.value).toLowerCase(), user.id);
		return user;
	}

	remove(id: string): boolean {
		const user = this.users.get(id);
		if (!user) return false;
		this.unindex(user);
		this.users.delete(id);
		this.ordered = undefined;
		for (const groupId of this.membership.get(id) ?? []) this.groups.get(groupId)?.members.delete(id);
		this.membership.delete(id);
		return true;
	}

	addMember(group: GroupRecord, userId: string) {
		group.members.add(userId);
		let set = this.membership.get(userId);
		if (!set) this.membership.set(userId, (set = new Set()));
		set.add(group.id);
	}

	removeMember(group: GroupRecord, userId: string) {
		group.members.delete(userId);
		this.membership.get(userId)?.delete(group.id);
	}

	removeGroup(id: string) {
		const group = this.groups.get(id);
		if (!group) return false;
		for (const userId of group.members) this.membership.get(userId)?.delete(id);
		this.groups.delete(id);
		return true;
	}

	private unindex(user: UserDoc) {
		this.byUserName.delete(user.userName.toLowerCase());
		if (typeof user.externalId === 'string') this.byExternalId.delete(user.externalId);
		for (const email of (user.emails as Array<{ value: string }>) ?? []) this.byEmail.delete(String(email.value).toLowerCase());
	}
}

/** Everything the sandbox knows: the org's directories and the Atlassian accounts (which outlive SCIM records). */
export class SandboxStore {
	readonly directories = new Map<string, DirectoryStore>();

	readonly accounts = new Map<string, Account>();

	readonly accountByEmail = new Map<string, string>();

	constructor(
		directories: Array<{ id: string; key: string }>,
		private readonly verifiedDomains: string[],
	) {
		for (const d of directories) this.directories.set(d.id, new DirectoryStore(d.id, d.key));
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

	/** The account for an email: existing ones are linked (Atlassian links a create to a managed account with that email). */
	accountFor(email: string): Account {
		const key = email.toLowerCase();
		const existing = this.accountByEmail.get(key);
		if (existing) return this.accounts.get(existing)!;
		const domain = key.split('@')[1] ?? '';
		const account = { accountId: accountIdFor(key), email: key, managed: this.verifiedDomains.includes(domain) };
		this.accounts.set(account.accountId, account);
		this.accountByEmail.set(key, account.accountId);
		return account;
	}

	clear() {
		for (const [id, d] of this.directories) this.directories.set(id, new DirectoryStore(id, d.key));
		this.accounts.clear();
		this.accountByEmail.clear();
	}
}
