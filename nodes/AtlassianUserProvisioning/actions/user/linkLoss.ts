import type { IDataObject } from 'n8n-workflow';

import type { Change } from '../../models/changes';
import { ATLASSIAN_EXTERNAL_SCHEMA } from '../../transport/schemas';

/**
 * Atlassian unlinks a SCIM user from its Atlassian account, and drops its SCIM group memberships, when it updates a
 * user whose account the organization does not manage (an email domain the org has not verified), or moves an
 * email onto such a domain, and it says nothing about it in its answer (docs/atlassian-api.md, [KB-email-change]).
 * Comparing the user before and after the update is the only way to tell.
 */
export interface LinkLoss {
	/** The Atlassian account ID the user was linked to, when the link is gone. */
	accountId?: string;
	/** Names (or IDs) of the groups the user was in and is no longer. */
	groups: string[];
}

function accountOf(user: IDataObject): string | undefined {
	const id = (user[ATLASSIAN_EXTERNAL_SCHEMA] as IDataObject | undefined)?.atlassianAccountId;
	return typeof id === 'string' && id ? id : undefined;
}

function groupsOf(user: IDataObject): Map<string, string> {
	const groups = Array.isArray(user.groups) ? (user.groups as IDataObject[]) : [];
	return new Map(groups.map((g) => [String(g.value), String(g.display ?? g.value)]));
}

/** What the update lost, or undefined when the link and every group are still there. */
export function linkLoss(before: IDataObject, after: IDataObject): LinkLoss | undefined {
	const was = accountOf(before);
	const lostAccount = was !== undefined && accountOf(after) !== was ? was : undefined;
	const now = groupsOf(after);
	const groups = [...groupsOf(before)].filter(([id]) => !now.has(id)).map(([, name]) => name);
	if (!lostAccount && !groups.length) return undefined;
	return { accountId: lostAccount, groups };
}

export function lossWarning(loss: LinkLoss): string {
	const parts: string[] = [];
	if (loss.accountId) parts.push(`unlinked this SCIM user from Atlassian account ${loss.accountId}`);
	if (loss.groups.length) parts.push(`removed it from ${loss.groups.length === 1 ? 'group' : 'groups'} ${loss.groups.map((g) => `"${g}"`).join(', ')}`);
	return (
		`Atlassian ${parts.join(' and ')} during this update. It does this when it updates an account the organization ` +
		'does not manage (an email domain the organization has not verified). Verify the domain, or link the account ' +
		'again in Atlassian Administration and add the groups back.'
	);
}

/** Fields added to an output item when the update lost something (absent otherwise, so existing output is unchanged). */
export function lossFields(loss: LinkLoss): IDataObject {
	return {
		accountLinkLost: Boolean(loss.accountId),
		groupsLost: loss.groups,
		warning: lossWarning(loss),
	};
}

/** The same as "What Changed" rows. */
export function lossChanges(loss: LinkLoss, before: IDataObject, after: IDataObject): Change[] {
	const changes: Change[] = [];
	if (loss.accountId) changes.push({ field: 'Atlassian Account Link', before: loss.accountId, after: accountOf(after) ?? null });
	if (loss.groups.length) {
		const list = (user: IDataObject) => [...groupsOf(user).values()].join('; ') || null;
		changes.push({ field: 'Groups', before: list(before), after: list(after) });
	}
	return changes;
}
