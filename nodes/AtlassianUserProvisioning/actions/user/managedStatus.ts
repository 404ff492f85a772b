import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { atlassianAccountIdOf } from '../../helpers/output';
import type { AtlassianClient } from '../../transport/client';
import { directoryUsersPath } from '../../transport/paths';
import type { Clients } from '../types';

/**
 * Whether a SCIM user's Atlassian account is managed by the organization (its email domain is verified) or external.
 * It matters before any update: Atlassian unlinks an external account, and drops its SCIM group memberships, on any
 * SCIM update (docs/atlassian-api.md, [KB-email-change]).
 * SCIM does not say which it is; the Organizations API does (`claimStatus`), so this needs the organization's key.
 */
export const MANAGED_STATUS_PARAMETER = 'addManagedStatus';

/** The SCIM operations that offer it; the Organization API credential shows for them only while it is on. */
export const MANAGED_STATUS_OPERATIONS = ['get', 'getAll'];

/** One per operation: each operation's description holds its own copy, shown for that operation only (one copy shown for both would show twice). */
export const managedStatusField = (operation: 'get' | 'getAll'): INodeProperties => ({
	displayName: 'Add Managed or External',
	name: MANAGED_STATUS_PARAMETER,
	type: 'boolean',
	default: false,
	displayOptions: { show: { resource: ['user'], operation: [operation] } },
	description:
		'Whether to add managedAccount to each user: true for an account on a domain your organization verified, false for an external account (any SCIM update unlinks it and drops its SCIM groups), null when no Atlassian account is linked. Needs an Atlassian Organization API credential; one extra request per 10 linked users.',
});

/** The organization's client when the switch is on, else undefined; a missing credential is named before any request. */
export async function managedStatusClient(ctx: IExecuteFunctions, i: number, clients: Clients): Promise<AtlassianClient | undefined> {
	if (!ctx.getNodeParameter(MANAGED_STATUS_PARAMETER, i, false)) return undefined;
	if (!ctx.getNode().credentials?.atlassianOrganizationApi) {
		throw new NodeOperationError(ctx.getNode(), 'Add Managed or External needs an Atlassian Organization API credential', {
			itemIndex: i,
			description:
				'Choose one under "Atlassian Organization API Credential" (the organization ID and an API key from admin.atlassian.com → Settings → API keys), or turn Add Managed or External off.',
		});
	}
	return await clients.admin();
}

/** Atlassian's documented cap on `accountIds` in one search is not confirmed; 10 is accepted either way. */
const IDS_PER_SEARCH = 10;

/** claimStatus by account ID, for the accounts the organization lists (every directory: `-`). */
async function claimStatuses(client: AtlassianClient, accountIds: string[], itemIndex: number): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	for (let at = 0; at < accountIds.length; at += IDS_PER_SEARCH) {
		const batch = accountIds.slice(at, at + IDS_PER_SEARCH);
		const response = await client.request({
			method: 'POST',
			path: directoryUsersPath(client, '-', '/search'),
			body: { accountIds: batch, limit: 100 },
			json: true,
			itemIndex,
			subject: batch.length === 1 ? `account ${batch[0]}` : `${batch.length} accounts`,
		});
		const accounts = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
		for (const account of accounts) {
			if (typeof account.accountId === 'string' && typeof account.claimStatus === 'string') found.set(account.accountId, account.claimStatus);
		}
	}
	return found;
}

/**
 * `managedAccount` for each user, in order: true (managed), false (unmanaged: external), or null when the user has
 * no linked account or the organization does not list it (nothing can be said then).
 */
export async function managedFlags(client: AtlassianClient, users: IDataObject[], itemIndex: number): Promise<Array<boolean | null>> {
	const ids = users.map(atlassianAccountIdOf);
	const statuses = await claimStatuses(client, [...new Set(ids.filter((id): id is string => id !== null))], itemIndex);
	return ids.map((id) => {
		const status = id === null ? undefined : statuses.get(id);
		return status === 'managed' ? true : status === 'unmanaged' ? false : null;
	});
}
