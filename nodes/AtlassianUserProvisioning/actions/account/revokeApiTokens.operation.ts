import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asText } from '../../helpers/validation';
import { managePath, segment } from '../../transport/paths';
import type { Clients } from '../types';
import { accountName, readAccounts, runBulk } from './bulk';
import { accountsField } from './fields';
import { explained } from './profile';
import { listTokens } from './tokens';

const show = { resource: ['account'], operation: ['revokeApiTokens'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Revoked tokens stop working at once and cannot be restored. Managed accounts only.',
		name: 'revokeApiTokensNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	accountsField(['revokeApiTokens']),
	{
		displayName: 'Tokens',
		name: 'revokeWhich',
		type: 'options',
		// One token by default: revoking every token of every account listed is chosen on purpose, never by default.
		default: 'one',
		displayOptions: { show },
		options: [
			{ name: 'One Token by ID', value: 'one', description: 'The token with this ID, on each account listed that has it' },
			{ name: 'All Tokens of Each Account', value: 'all', description: 'Every API token of every account listed' },
		],
	},
	{
		displayName: 'Which Token (ID)',
		name: 'revokeId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. asp_A0T8NbvnwgyVkw3K',
		description: 'From Get API Tokens. A token belongs to one account, so this usually goes with one account above.',
		hint: 'Checked on each account above: revoked where the account has it, "notFound" on the others',
		displayOptions: { show: { ...show, revokeWhich: ['one'] } },
	},
];

/** One item per account: `{ accountId, email, outcome: revoked | noTokens | notFound | failed, count, revoked: [{ id, label }] }`. */
export function prepare(this: IExecuteFunctions, i: number): { entries: string[]; only: string | undefined } {
	const node = this.getNode();
	const scope = this.getNodeParameter('revokeWhich', i, 'one') as string;
	const only = scope === 'one' ? asText(node, i, 'Token ID', this.getNodeParameter('revokeId', i), '"asp_A0T8NbvnwgyVkw3K"')?.trim() : undefined;
	if (only !== undefined) segment(only, 'Token ID');
	return { entries: readAccounts(this, i), only };
}

export async function execute(
	this: IExecuteFunctions,
	i: number,
	clients: Clients,
	{ entries, only }: { entries: string[]; only: string | undefined },
): Promise<IDataObject[]> {
	return await runBulk(this, i, clients, entries, async (client, target, itemIndex) => {
		const subject = `account "${target.email ?? target.accountId}"`;
		const tokens = await listTokens(client, target.accountId, itemIndex, subject);
		const chosen = only === undefined ? tokens : tokens.filter((t) => t.id === only);
		if (!chosen.length) {
			return only === undefined
				? { outcome: 'noTokens', statusCode: null, message: 'The account has no API tokens', count: 0, revoked: [] }
				: { outcome: 'notFound', statusCode: null, message: `The account has no API token "${only}"`, count: 0, revoked: [] };
		}
		const revoked: IDataObject[] = [];
		for (const token of chosen) {
			// A 404 after a resent attempt means the lost attempt already revoked it; a first 404 means another tool did.
			await client
				.request({ method: 'DELETE', path: managePath(target.accountId, `/api-tokens/${segment(token.id, 'Token ID')}`), json: true, itemIndex, subject, expect: [404] })
				.catch(async (caught: unknown) => await explained(client, target.accountId, 'apiToken.delete', itemIndex, caught));
			clients.wrote(itemIndex, accountName(target), `API token "${token.label ?? token.id}" revoked`);
			revoked.push({ id: token.id, label: token.label ?? null });
		}
		return { outcome: 'revoked', statusCode: null, message: `${revoked.length} API ${revoked.length === 1 ? 'token' : 'tokens'} revoked`, count: revoked.length, revoked };
	});
}
