/**
 * The sandbox's public types. Other code (node tests, benchmarks, the demo, e2e) depends on exactly these shapes;
 * change them only together with those users.
 */
import type { OrgState } from './org/state';
import type { AuditLog, AuditLogOptions } from './org/events';
import type { SandboxStore } from './store';

export interface RateLimit {
	requestsPerSecond: number;
	/** Which rate-limit headers are sent; Atlassian's SCIM headers are UNCONFIRMED (docs/atlassian-api.md §7). Default 'both'. */
	headers?: 'both' | 'reset-only' | 'retry-after-only' | 'none';
}

export interface SandboxOptions {
	/** default 0 = a free port */
	port?: number;
	/** added before every API response (not control requests), default 0 */
	latencyMs?: number;
	/** default 'org-sandbox-0001' */
	orgId?: string;
	/** default 'sandbox-org-key-0001' */
	orgKey?: string;
	/** default [{ id: 'dir-sandbox-0001', key: 'sandbox-directory-key-0001' }] */
	directories?: { id: string; key: string }[];
	/** deterministic users in the first directory, default 0 */
	seedUsers?: number;
	rateLimit?: RateLimit | null;
	/** max SCIM page size, default 100 (docs/atlassian-api.md §5) */
	pageCap?: number;
	/** emails on these domains make managed accounts, default ['example.com'] */
	verifiedDomains?: string[];
	/** status of PATCH /Groups naming an unknown member, default 404 (spec); PUT is always 400 */
	groupMemberNotFound?: 400 | 404;
	/** which PATCH remove forms are accepted, default 'both' */
	memberRemoveForms?: 'both' | 'filter-path' | 'value-array';
	/** Whether a PATCH naming an unknown member says which (default true); false: only "Directory, group, or user does not exist" (the spec's 404 text) */
	memberNotFoundNamesMembers?: boolean;
	/** org/site groups invisible to SCIM that still collide (409), default ['site-admins','jira-software-users','confluence-users'] */
	reservedGroupNames?: string[];
	/** the organization audit log (events-stream): Atlassian Guard or not, requests per minute (default 10) */
	auditLog?: AuditLogOptions;
}

export interface FaultSpec {
	kind: '429' | '500' | '502' | '503' | '504' | 'drop' | 'slow' | 'malformed' | 'html' | 'empty' | 'oversized';
	/** which requests it applies to (default all API requests; never /__sandbox) */
	method?: string;
	/** substring of the request target (path and query) */
	pathIncludes?: string;
	/** how many matching requests get it (default unlimited while installed) */
	count?: number;
	/** how many matching requests pass untouched first (e.g. 1: the second PATCH to a group fails, not the first) */
	skip?: number;
	/** 0..1, decided by a seeded PRNG per fault, so runs repeat */
	probability?: number;
	/** for 'slow': the extra delay before a normal answer (default 2000) */
	delayMs?: number;
	/** 'before' (default): the fault replaces the operation; 'after': the operation is applied, then its answer is replaced */
	after?: 'before' | 'after';
}

export interface Stats {
	requests: number;
	/** HTTP status → count; a dropped connection counts under 'dropped' */
	byStatus: Record<string, number>;
	inFlight: number;
	maxInFlight: number;
	rateLimited: number;
	faultsInjected: number;
	/** fault kind (`after` faults as e.g. '500-after') → how many were injected */
	faultsByKind: Record<string, number>;
}

export interface LoggedRequest {
	method: string;
	path: string;
	/** the query string without '?' */
	query: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	/** the status answered; 0 when the connection was dropped or no answer was sent */
	status: number;
}

export type ConfigurePatch = Partial<Pick<SandboxOptions, 'latencyMs' | 'rateLimit' | 'groupMemberNotFound' | 'memberRemoveForms' | 'memberNotFoundNamesMembers'>>;

export interface Sandbox {
	/** http://127.0.0.1:<port> */
	url: string;
	/** `${url}/scim/directory/${first directory id}` (the "Directory base URL") */
	scimBaseUrl: string;
	orgId: string;
	orgKey: string;
	directoryId: string;
	directoryKey: string;
	/** closes the server and all sockets */
	close(): Promise<void>;
	configure(patch: ConfigurePatch): void;
	injectFaults(faults: FaultSpec[]): void;
	clearFaults(): void;
	/** wipes users, groups and accounts, then seeds `seedUsers` (default 0) */
	reset(opts?: { seedUsers?: number }): void;
	/** direct read/write access for assertions and setup */
	store: SandboxStore;
	/** the organization's view of the accounts (memberships, profiles, last-active dates, tokens, lifecycle) */
	org: OrgState;
	/** the organization audit log, fed by the sandbox's own SCIM writes; tests may record events and switch Guard */
	auditLog: AuditLog;
	stats(): Stats;
	resetStats(): void;
	/** the last 5000 API requests, oldest first (a live array; tests may truncate it with `length = 0`) */
	requests: LoggedRequest[];
}
