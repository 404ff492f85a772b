import type { Sandbox } from '../types';
import { SITE_ARI, tokenId, type OrgAccount, type ProductUse } from './state';

const DAY = 24 * 3600_000;
const CONFLUENCE_ARI = 'ari:cloud:confluence::site/5d3c1f0e-sandbox-site-0001';

const daysAgo = (now: number, days: number) => new Date(now - days * DAY).toISOString();

function products(now: number, jiraDays: number | null, confluenceDays: number | null): ProductUse[] {
	const out: ProductUse[] = [];
	if (jiraDays !== null) out.push({ key: 'jira-software', id: SITE_ARI, lastActive: daysAgo(now, jiraDays) });
	if (confluenceDays !== null) out.push({ key: 'confluence', id: CONFLUENCE_ARI, lastActive: daysAgo(now, confluenceDays) });
	return out;
}

type Extra = [email: string, name: string, jiraDays: number | null, confluenceDays: number | null, addedDaysAgo: number, patch?: Partial<OrgAccount> & { active?: boolean }];

/**
 * Organization-level demo data on top of `seedDemo`'s SCIM users, with dates relative to now so the licence
 * clean-up always has work: 3 managed accounts inactive for 90+ days (one never active since it was added),
 * an unmanaged and an already suspended one that it must leave alone, a recent joiner who has not logged in yet,
 * API tokens for the offboarding example, and a Google-synced account. Idempotent.
 */
export function seedOrgDemo(sandbox: Sandbox): { accounts: number } {
	const { org, store } = sandbox;
	const now = org.now();
	const recent: Record<string, [number | null, number | null]> = {
		'ada.lovelace@example.com': [1, 2],
		'grace.hopper@example.com': [3, null],
		'alan.turing@example.com': [400, 410],
		'katherine.johnson@example.com': [5, 6],
		'margaret.hamilton@example.com': [2, 30],
		'edsger.dijkstra@example.com': [500, null],
		'barbara.liskov@example.com': [7, 1],
		'radia.perlman@example.com': [130, 95],
	};
	for (const [email, [jira, confluence]] of Object.entries(recent)) {
		const account = store.accountByAddress(email);
		const state = account && org.get(account.accountId);
		if (state && !state.products.length) state.products = products(now, jira, confluence);
	}
	const extras: Extra[] = [
		['hedy.lamarr@example.com', 'Hedy Lamarr', 120, 150, 700],
		['linus.torvalds@example.com', 'Linus Torvalds', null, null, 200],
		['anita.borg@example.com', 'Anita Borg', null, null, 10],
		['tim.berners-lee@example.com', 'Tim Berners-Lee', 3, 4, 600],
		['ken.thompson@partner.example.org', 'Ken Thompson', 300, null, 500],
		['dennis.ritchie@acquired.example.net', 'Dennis Ritchie', 20, null, 400],
		['sophie.wilson@example.com', 'Sophie Wilson', 400, null, 800],
		['frances.allen@example.com', 'Frances Allen', 10, 12, 300, { managementSource: 'synced', syncedBy: 'google' }],
	];
	for (const [email, name, jira, confluence, added, patch] of extras) {
		if (store.accountByAddress(email)) continue;
		const { org: state } = org.addAccount(email, { name, nickname: name.split(' ')[0], addedToOrg: daysAgo(now, added), products: products(now, jira, confluence), ...patch });
		if (email.startsWith('sophie.')) for (const id of state.memberships.keys()) state.memberships.set(id, 'suspended');
	}
	const tokens: Record<string, string[]> = { 'barbara.liskov@example.com': ['CI pipeline', 'Jira CLI'], 'katherine.johnson@example.com': ['Reporting script'], 'hedy.lamarr@example.com': ['Old integration'] };
	for (const [email, labels] of Object.entries(tokens)) {
		const account = store.accountByAddress(email);
		const state = account && org.get(account.accountId);
		if (!state || state.tokens.length) continue;
		state.tokens = labels.map((label, n) => ({ id: tokenId(`${email}:${n}`), label, createdAt: daysAgo(now, 200 + n), lastAccess: daysAgo(now, 3 + n), expiry: null }));
	}
	return { accounts: store.accounts.size };
}

/**
 * `count` organization-level accounts acct00001@example.com … (no SCIM record) for scale tests and benchmarks:
 * every account has product access; every 3rd has not been active for 100+ days, every 10th never was.
 */
export function seedOrgAccounts(sandbox: Sandbox, count: number, offset = 0): string[] {
	const now = sandbox.org.now();
	const ids: string[] = [];
	for (let n = offset + 1; n <= offset + count; n++) {
		const email = `acct${String(n).padStart(5, '0')}@example.com`;
		const days = n % 10 === 0 ? null : n % 3 === 0 ? 100 + (n % 200) : n % 60;
		const { account } = sandbox.org.addAccount(email, {
			name: `Account ${n}`,
			nickname: `acct${n}`,
			addedToOrg: daysAgo(now, 400),
			products: products(now, days, days === null ? null : days + 1),
		});
		ids.push(account.accountId);
	}
	return ids;
}
