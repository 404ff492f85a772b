import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asText } from '../../helpers/validation';
import { managePath } from '../../transport/paths';
import type { Clients } from '../types';
import { accountName, readAccounts, runBulk } from './bulk';
import { noticeAndAccounts } from './fields';
import { explained } from './profile';

const ACTIONS = {
	deactivate: { path: 'disable', outcome: 'deactivated', privilege: 'lifecycle.enablement', message: 'Account deactivated: it cannot log in to Atlassian' },
	reactivate: { path: 'enable', outcome: 'reactivated', privilege: 'lifecycle.enablement', message: 'Account reactivated' },
	delete: { path: 'delete', outcome: 'deletionScheduled', privilege: 'lifecycle.delete', message: 'Deletion scheduled: the account is deleted permanently after a 14-day grace period (Cancel Deletion until then)' },
	cancelDeletion: { path: 'cancel-delete', outcome: 'deletionCancelled', privilege: 'lifecycle.delete', message: 'Deletion cancelled' },
} as const;

/** User Management lifecycle calls (managed accounts only); always a JSON body, as Atlassian needs one. */
export interface LifecyclePlan {
	entries: string[];
	body: IDataObject;
}

export function prepareLifecycle(ctx: IExecuteFunctions, i: number, kind: keyof typeof ACTIONS): LifecyclePlan {
	const body: IDataObject = {};
	if (kind === 'deactivate') {
		const message = asText(ctx.getNode(), i, 'Message', ctx.getNodeParameter('message', i, ''), '"Left the company"')?.trim();
		if (message) body.message = message;
	}
	return { entries: readAccounts(ctx, i), body };
}

/** What a run that fails reports for an account this action was done to. */
const WRITTEN = { deactivate: 'deactivated', reactivate: 'reactivated', delete: 'scheduled for deletion', cancelDeletion: 'deletion cancelled' } as const;

export async function lifecycle(ctx: IExecuteFunctions, i: number, clients: Clients, kind: keyof typeof ACTIONS, { entries, body }: LifecyclePlan): Promise<IDataObject[]> {
	const action = ACTIONS[kind];
	return await runBulk(ctx, i, clients, entries, async (client, target, itemIndex) => {
		const response = await client
			.request({
				method: 'POST',
				path: managePath(target.accountId, `/lifecycle/${action.path}`),
				body,
				json: true,
				itemIndex,
				subject: `account "${target.email ?? target.accountId}"`,
				expect: [404],
			})
			.catch(async (caught: unknown) => await explained(client, target.accountId, action.privilege, itemIndex, caught));
		if (response.statusCode === 404) return { outcome: 'notFound', statusCode: 404, message: 'No such account' };
		clients.wrote(itemIndex, accountName(target), WRITTEN[kind]);
		return { outcome: action.outcome, statusCode: response.statusCode, message: action.message };
	});
}

/** Deactivate, Reactivate, Delete and Cancel Deletion differ only in their notice, extra fields and lifecycle call. */
export function lifecycleOperation(operation: string, kind: keyof typeof ACTIONS, notice: string, fields: INodeProperties[] = []) {
	const description: INodeProperties[] = [
		...noticeAndAccounts(operation, notice),
		...fields,
	];
	function prepare(this: IExecuteFunctions, i: number): LifecyclePlan {
		return prepareLifecycle(this, i, kind);
	}
	async function execute(this: IExecuteFunctions, i: number, clients: Clients, plan: LifecyclePlan): Promise<IDataObject[]> {
		return await lifecycle(this, i, clients, kind, plan);
	}
	return { description, prepare, execute };
}
