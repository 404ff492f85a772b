import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { AtlassianClient } from '../../transport/client';
import { detailOf } from '../../transport/errors';
import { findGroupByName } from './locator';

/**
 * A 409 on a group name: the name belongs to a SCIM group (which SCIM can list), or to a site, organization or
 * default-access group that SCIM cannot see (docs/atlassian-api.md §4, [OKTA-push]).
 * One look-up by name tells which, so the message can say where the group is.
 */
export async function groupNameTaken(node: INode, client: AtlassianClient, name: string, itemIndex: number, body: IDataObject): Promise<NodeApiError> {
	let existing: IDataObject | undefined;
	try {
		existing = await findGroupByName(client, name, itemIndex);
	} catch {
		// The look-up only sharpens the message.
	}
	const detail = detailOf(body)?.replace(/[.\s]+$/, '');
	const answer = `Atlassian answered 409${detail ? `: ${detail}` : ''}.`;
	const visible = existing?.id !== undefined;
	const message = visible
		? `A SCIM group named "${String(existing!.displayName ?? name)}" already exists (ID ${String(existing!.id)})`
		: `A group named "${name}" already exists as a site, organization or default-access group that SCIM cannot list`;
	const description = visible
		? `${answer} Use that group (Get, with the Group mode Name), or choose another name.`
		: `${answer} Site groups (such as "jira-software-users"), organization and default-access groups do not appear in Get Many, ` +
			'but their names are taken. Atlassian Administration lists them under Directory → Groups (admin.atlassian.com). Use another name.';
	return new NodeApiError(node, { statusCode: 409, body } as JsonObject, { message, description, httpCode: '409', itemIndex });
}
