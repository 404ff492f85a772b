import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { AtlassianClient } from '../transport/client';
import { orgPath } from '../transport/paths';

/**
 * The audit-log actions the trigger can filter on, from `GET /admin/v1/orgs/{orgId}/event-actions` (localized
 * names). Grouped names come first ("User provisioning: User created") so related actions sit together.
 */
export async function getEventActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await AtlassianClient.create(this, 'admin', { maxRetries: 1, timeoutMs: 20_000 });
	const response = await client.request({
		method: 'GET',
		path: orgPath(client, '/event-actions'),
		itemIndex: 0,
		subject: 'the audit-log actions',
	});
	const data = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
	return data
		.map((action) => {
			const attributes = (action.attributes as IDataObject | undefined) ?? {};
			const id = String(action.id);
			const display = String(attributes.displayName || id);
			const group = attributes.groupDisplayName ? String(attributes.groupDisplayName) : '';
			return { name: group ? `${group}: ${display}` : display, value: id, description: id };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}
