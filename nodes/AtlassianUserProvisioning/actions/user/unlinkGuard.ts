import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeProperties } from 'n8n-workflow';

import { atlassianAccountIdOf } from '../../helpers/output';
import type { AtlassianClient } from '../../transport/client';
import { cursorOf } from '../../transport/paging';
import { orgPath } from '../../transport/paths';
import type { Clients } from '../types';
import { managedFlags } from './managedStatus';

/**
 * Atlassian unlinks a SCIM user from its Atlassian account, and drops its SCIM group memberships, when it updates a
 * user whose account the organization does not manage (external), or moves a managed user's email onto a domain the
 * organization has not verified; its answer does not say so (see linkLoss.ts, which reports it afterwards). With the
 * Organization API credential the node can tell before writing: `claimStatus` says managed or external, and the
 * organization's verified domains say where an email may move. Shared by every operation that updates a user.
 */
export const LINK_CHECK_PARAMETER = 'checkAccountLink';
export const ALLOW_UNLINK_PARAMETER = 'allowUnlink';

/** The operations that offer the check; the Organization API credential shows for them only while it is on. */
export const LINK_CHECK_OPERATIONS = ['update', 'upsert'];

export function linkCheckFields(operations: string[]): INodeProperties[] {
	const show = { resource: ['user'], operation: operations };
	return [
		{
			displayName:
				'Atlassian unlinks an account that your organization does not manage, and drops its SCIM groups, on any update; it does the same when a managed user\'s email moves to a domain the organization has not verified. To stop such updates before they are sent, turn on Check Account Link Before Updating (it needs an Atlassian Organization API credential).',
			name: 'linkCheckNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { ...show, [LINK_CHECK_PARAMETER]: [false] } },
		},
		{
			displayName: 'Check Account Link Before Updating',
			name: LINK_CHECK_PARAMETER,
			type: 'boolean',
			default: false,
			displayOptions: { show },
			description:
				'Whether to ask the Organizations API, before writing, if the update would unlink the Atlassian account (an external account, or a new email on a domain the organization has not verified); such an item fails instead. Needs an Atlassian Organization API credential; one or two extra requests per item.',
		},
		{
			displayName: 'Allow Updates That Unlink Accounts',
			name: ALLOW_UNLINK_PARAMETER,
			type: 'boolean',
			default: false,
			displayOptions: { show: { ...show, [LINK_CHECK_PARAMETER]: [true] } },
			description: 'Whether to send an update even when it would unlink the account (the output still reports what was lost)',
		},
	];
}

export interface LinkCheck {
	check: boolean;
	allowUnlink: boolean;
}

/** The switches of one item, read before any request; a missing credential is named then too. */
export function readLinkCheck(ctx: IExecuteFunctions, i: number): LinkCheck {
	const check = ctx.getNodeParameter(LINK_CHECK_PARAMETER, i, false) === true;
	const allowUnlink = check && ctx.getNodeParameter(ALLOW_UNLINK_PARAMETER, i, false) === true;
	if (check && !ctx.getNode().credentials?.atlassianOrganizationApi) {
		throw new NodeOperationError(ctx.getNode(), 'Check Account Link Before Updating needs an Atlassian Organization API credential', {
			itemIndex: i,
			description:
				'Choose one under "Atlassian Organization API Credential" (the organization ID and an API key from admin.atlassian.com → Settings → API keys), or turn Check Account Link Before Updating off.',
		});
	}
	return { check, allowUnlink };
}

/** Kept in `Clients.learned`: the verified domains are read once per execution. */
const VERIFIED_DOMAINS = 'org.verifiedDomains';

/**
 * The organization's verified domains, lower-cased ("Get domains in an organization", paged with `links.next`).
 * A domain whose claim status says it is not verified is left out; a missing status counts as verified, since the
 * endpoint lists the organization's verified domains.
 */
export async function verifiedDomains(client: AtlassianClient, clients: Clients, itemIndex: number): Promise<Set<string>> {
	const known = clients.learned.get(VERIFIED_DOMAINS) as Promise<Set<string>> | undefined;
	if (known) return await known;
	const reading = (async () => {
		const domains = new Set<string>();
		let cursor: string | undefined;
		do {
			const response = await client.request({
				method: 'GET',
				path: orgPath(client, '/domains'),
				query: { cursor },
				json: true,
				itemIndex,
				subject: "the organization's domains",
			});
			for (const entry of (response.body.data as IDataObject[] | undefined) ?? []) {
				const attributes = (entry.attributes as IDataObject | undefined) ?? {};
				const status = String((attributes.claim as IDataObject | undefined)?.status ?? '');
				if (typeof attributes.name === 'string' && !/unverif|pending|fail/i.test(status)) domains.add(attributes.name.toLowerCase());
			}
			cursor = cursorOf((response.body.links as IDataObject | undefined)?.next);
		} while (cursor);
		return domains;
	})();
	clients.learned.set(VERIFIED_DOMAINS, reading);
	// A failed read is not kept: the next item asks again (this item gets the error from the await below).
	reading.catch(() => clients.learned.delete(VERIFIED_DOMAINS));
	return await reading;
}

function primaryEmail(emails: unknown): string | undefined {
	const list = Array.isArray(emails) ? (emails as IDataObject[]) : [];
	const primary = list.find((e) => e.primary === true) ?? (list.length === 1 ? list[0] : undefined);
	return typeof primary?.value === 'string' ? primary.value : undefined;
}

/**
 * Why writing `newEmails` (the emails the update sends, or undefined when it sends none) to the user `before` would
 * unlink its Atlassian account, or undefined when it would not (or no account is linked, or the organization does
 * not list it: then nothing can be said).
 */
export async function unlinkReason(
	admin: AtlassianClient,
	clients: Clients,
	before: IDataObject,
	newEmails: unknown,
	itemIndex: number,
	known?: boolean | null,
): Promise<string | undefined> {
	const accountId = atlassianAccountIdOf(before);
	if (!accountId) return undefined;
	// `known`: the flag from a batch lookup (managedFlags takes many users a request), when the caller has one.
	const managed = known !== undefined ? known : (await managedFlags(admin, [before], itemIndex))[0];
	if (managed === false) {
		return `its Atlassian account ${accountId} is external (on an email domain the organization has not verified), and Atlassian unlinks an external account on any SCIM update and drops its SCIM groups`;
	}
	if (managed !== true || newEmails === undefined) return undefined;
	const next = primaryEmail(newEmails);
	if (!next || next.toLowerCase() === primaryEmail(before.emails)?.toLowerCase()) return undefined;
	const domain = next.split('@').pop()!.toLowerCase();
	if ((await verifiedDomains(admin, clients, itemIndex)).has(domain)) return undefined;
	return `the new primary email "${next}" is on ${domain}, a domain the organization has not verified, and Atlassian unlinks a managed account whose email moves there and drops its SCIM groups`;
}

/** The error of an item whose update would unlink its account (Continue On Fail and the error output route it). */
export function unlinkRefused(node: INode, itemIndex: number, label: string, reason: string): NodeOperationError {
	return new NodeOperationError(node, `Not updated: the update would unlink ${label} from its Atlassian account`, {
		itemIndex,
		description: `Nothing was sent: ${reason}. Verify the domain in Atlassian Administration, or turn on "Allow Updates That Unlink Accounts" to send it anyway.`,
	});
}
