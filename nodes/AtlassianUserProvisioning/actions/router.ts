import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { forModel, withToolHint } from '../helpers/tool';
import { AtlassianClient } from '../transport/client';
import { DEFAULT_SETTINGS, type RequestSettings } from '../transport/types';
import * as account from './account';
import * as group from './group';
import type { Clients, Operation } from './types';
import * as user from './user';

const resources: Record<string, Record<string, Operation>> = {
	user: user.operations,
	group: group.operations,
	account: account.operations,
};

function settingsOf(ctx: IExecuteFunctions): RequestSettings {
	const options = ctx.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const number = (value: unknown, fallback: number, min: number) =>
		typeof value === 'number' && Number.isFinite(value) ? Math.max(min, Math.floor(value)) : fallback;
	return {
		maxConcurrency: number(options.maxConcurrency, DEFAULT_SETTINGS.maxConcurrency, 1),
		maxRetries: number(options.maxRetries, DEFAULT_SETTINGS.maxRetries, 0),
		timeoutMs: number(options.timeoutMs, DEFAULT_SETTINGS.timeoutMs, 1000),
	};
}

/** Clients are made on first use and live for this execution only (never cached across executions). */
function clientsFor(ctx: IExecuteFunctions, settings: RequestSettings): Clients {
	let scim: Promise<AtlassianClient> | undefined;
	let admin: Promise<AtlassianClient> | undefined;
	return {
		scim: async () => await (scim ??= AtlassianClient.create(ctx, 'scim', settings)),
		admin: async () => await (admin ??= AtlassianClient.create(ctx, 'admin', settings)),
		learned: new Map(),
	};
}

/** Every error leaves the node naming its item. */
function withItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Runs the operation for every input item, several at a time (the client's pacer decides how many requests are
 * in flight), and returns the output in input order with `pairedItem`, exactly as one-at-a-time processing would.
 * With "Continue On Fail" each failed item becomes an error item; otherwise no new item starts after a failure
 * and the error of the first failed item is thrown once the items already in flight have finished.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for "${resource}"`);
	}
	const settings = settingsOf(this);
	const clients = clientsFor(this, settings);
	if (operation.executeAll) {
		try {
			return [await operation.executeAll.call(this, clients)];
		} catch (caught) {
			throw withToolHint(this, withItem(this, caught, 0));
		}
	}
	const execute = operation.execute;
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);
	let firstFailure: { index: number; error: NodeApiError | NodeOperationError } | undefined;
	let next = 0;

	const worker = async () => {
		while (next < items.length && (continueOnFail || !firstFailure)) {
			const i = next++;
			try {
				const output = forModel(this, i, await execute.call(this, i, clients));
				results[i] = output.map((json) => ({ json, pairedItem: { item: i } }));
			} catch (caught) {
				const error = withToolHint(this, withItem(this, caught, i));
				if (continueOnFail) {
					// n8n keeps `error` (message, description, httpCode) for the UI and the error output; json carries the message.
					results[i] = [{ json: { error: error.message }, error, pairedItem: { item: i } }];
				} else if (!firstFailure || i < firstFailure.index) {
					firstFailure = { index: i, error };
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(settings.maxConcurrency, items.length) }, worker));
	if (firstFailure) throw firstFailure.error;
	return [results.flat()];
}
