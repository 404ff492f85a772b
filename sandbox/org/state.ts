import { createHash } from 'node:crypto';

import type { Account, SandboxStore } from '../store';

export type Membership = 'active' | 'suspended';

export interface ProductUse {
	key: string;
	/** the product instance (an ARI) */
	id: string;
	/** ISO-8601 UTC */
	lastActive: string;
}

export interface ApiToken {
	id: string;
	label: string;
	createdAt: string;
	lastAccess: string | null;
	expiry: string | null;
}

/**
 * What the Organizations and User Management APIs know about an account beyond the SCIM sandbox's `Account`
 * (email, managed, active): directory memberships, profile, last-active dates, API tokens, lifecycle.
 */
export interface OrgAccount {
	accountId: string;
	name: string;
	nickname: string;
	jobTitle: string | null;
	department: string | null;
	organization: string | null;
	location: string | null;
	zoneinfo: string | null;
	locale: string;
	addedToOrg: string;
	/** directoryId → membership; no entry = not in that directory */
	memberships: Map<string, Membership>;
	products: ProductUse[];
	tokens: ApiToken[];
	/** 'synced' accounts come from an identity provider: `syncedBy` says which, and locks fields and lifecycle */
	managementSource: 'invited' | 'synced' | null;
	syncedBy?: 'scim' | 'google';
	platformRoles: string[];
	groups: Array<{ id: string; name: string; description: string }>;
	mfaEnabled: boolean;
	deactivatedOn: string | null;
	deactivationMessage: string | null;
	/** set by lifecycle/delete; the account closes 14 days later unless the deletion is cancelled */
	deletionRequestedAt: string | null;
	/** accountStatus before lifecycle/delete, restored by cancel-delete */
	activeBeforeDeletion: boolean;
}

export const GRACE_MS = 14 * 24 * 3600_000;

/** Verified but not claimed: their accounts are not managed, and the User Management API says `forbidden.unclaimedDomain`. */
export const UNCLAIMED_DOMAINS = ['acquired.example.net'];

export const SITE_ARI = 'ari:cloud:jira::site/5d3c1f0e-sandbox-site-0001';

export function tokenId(seed: string): string {
	return `asp_${createHash('sha256').update(seed).digest('base64url').slice(0, 16)}`;
}

/** The organization's view of the sandbox's accounts. Extra state is made on first use and wiped with `clear`. */
export class OrgState {
	private readonly extra = new Map<string, OrgAccount>();

	constructor(
		readonly store: SandboxStore,
		readonly now: () => number = Date.now,
	) {}

	clear(): void {
		this.extra.clear();
	}

	directoryIds(): string[] {
		return [...this.store.directories.keys()];
	}

	/** The org state of an account the store knows, or undefined. */
	get(accountId: string): OrgAccount | undefined {
		const account = this.store.accounts.get(accountId);
		if (!account) return undefined;
		let org = this.extra.get(accountId);
		if (!org) {
			org = this.defaults(account);
			this.extra.set(accountId, org);
		}
		return org;
	}

	account(accountId: string): Account | undefined {
		return this.store.accounts.get(accountId);
	}

	/** Every account in creation order (the store's order). */
	*all(): Generator<{ account: Account; org: OrgAccount }> {
		for (const account of this.store.accounts.values()) yield { account, org: this.get(account.accountId)! };
	}

	/** Creates (or returns) an account that exists only at the organization level (no SCIM record). */
	addAccount(email: string, patch: Partial<OrgAccount> & { active?: boolean } = {}): { account: Account; org: OrgAccount } {
		const account = this.store.accountFor(email);
		const { active, ...rest } = patch;
		if (active !== undefined) account.active = active;
		const org = Object.assign(this.get(account.accountId)!, rest);
		return { account, org };
	}

	/** Closed: deleted and the grace period is over. */
	closed(org: OrgAccount): boolean {
		return org.deletionRequestedAt !== null && Date.parse(org.deletionRequestedAt) + GRACE_MS <= this.now();
	}

	/** v2 composite status (active, suspended, not_invited, deactivated, for_deletion) within `directoryId` ('-' = all). */
	status(account: Account, org: OrgAccount, directoryId = '-'): string {
		if (org.deletionRequestedAt) return 'for_deletion';
		if (!account.active) return 'deactivated';
		const membership = this.membership(org, directoryId);
		if (membership === 'suspended') return 'suspended';
		return membership === 'active' ? 'active' : 'not_invited';
	}

	membership(org: OrgAccount, directoryId = '-'): Membership | 'no_membership' {
		const values = directoryId === '-' ? [...org.memberships.values()] : [org.memberships.get(directoryId)].filter((m): m is Membership => !!m);
		if (values.includes('active')) return 'active';
		return values.includes('suspended') ? 'suspended' : 'no_membership';
	}

	isUnclaimed(email: string): boolean {
		return UNCLAIMED_DOMAINS.includes((email.split('@').pop() ?? '').toLowerCase());
	}

	private defaults(account: Account): OrgAccount {
		const links = [...this.store.directories.values()].filter((dir) => dir.idsByAccount(account.accountId).length > 0);
		const scim = links.length ? links[0].users.get(links[0].idsByAccount(account.accountId)[0]) : undefined;
		const local = account.email.split('@')[0];
		const first = this.store.directories.keys().next().value as string;
		return {
			accountId: account.accountId,
			name: String(scim?.displayName ?? local),
			nickname: String(scim?.nickName ?? local.split('.')[0]),
			jobTitle: (scim?.title as string | undefined) ?? null,
			department: (scim?.department as string | undefined) ?? null,
			organization: (scim?.organization as string | undefined) ?? null,
			location: null,
			zoneinfo: (scim?.timezone as string | undefined) ?? null,
			locale: String(scim?.preferredLanguage ?? 'en-US'),
			addedToOrg: String(scim?.meta?.created ?? new Date(Date.UTC(2025, 0, 1)).toISOString()),
			memberships: new Map((links.length ? links.map((d) => d.id) : [first]).map((id) => [id, 'active' as Membership])),
			products: [],
			tokens: [],
			managementSource: links.length ? 'synced' : 'invited',
			syncedBy: links.length ? 'scim' : undefined,
			platformRoles: [],
			groups: [],
			mfaEnabled: false,
			deactivatedOn: account.active ? null : String(scim?.meta?.lastModified ?? new Date(Date.UTC(2025, 0, 1)).toISOString()),
			deactivationMessage: null,
			deletionRequestedAt: null,
			activeBeforeDeletion: account.active,
		};
	}
}
