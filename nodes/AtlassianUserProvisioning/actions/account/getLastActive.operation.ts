import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { cursorOf } from '../../transport/paging';
import { lastActivePath } from '../../transport/paths';
import type { Clients } from '../types';
import { activityOf } from './activity';
import { accountField } from './fields';
import { oneAccount } from './lookup';

export const description: INodeProperties[] = [
	{
		displayName:
			'Atlassian counts viewing a product\'s page for at least 2 seconds as activity, and its data can be up to 24 hours late. An account that has never used a product has no entry for it.',
		name: 'lastActiveNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['account'], operation: ['getLastActive'] } },
	},
	accountField(['getLastActive']),
];

/** `{ accountId, addedToOrg, productAccess: [{ key, id, lastActive }], lastActive, daysSinceLastActive, neverActive }`. */
export async function execute(this: IExecuteFunctions, i: number, clients: Clients): Promise<IDataObject[]> {
	const { client, accountId, entry } = await oneAccount(this, i, clients);
	const products: IDataObject[] = [];
	let addedToOrg: string | null = null;
	let cursor: string | undefined;
	do {
		const response = await client.request({
			method: 'GET',
			path: lastActivePath(client, accountId),
			query: { cursor },
			json: true,
			itemIndex: i,
			subject: `account "${entry}"`,
		});
		const data = (response.body.data as IDataObject | undefined) ?? {};
		products.push(...((data.product_access as IDataObject[] | undefined) ?? []));
		const added = data.added_to_org_timestamp ?? data.added_to_org;
		if (typeof added === 'string') addedToOrg = added;
		cursor = cursorOf((response.body.links as IDataObject | undefined)?.next);
	} while (cursor);
	return [
		{
			accountId,
			...(entry !== accountId ? { email: entry } : {}),
			addedToOrg,
			productAccess: products.map((p) => ({ key: p.key ?? null, id: p.id ?? null, lastActive: p.last_active_timestamp ?? p.last_active ?? null })),
			...activityOf(products, Date.now()),
		},
	];
}
