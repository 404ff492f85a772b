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
import type { Clients, Operation, Written } from './types';
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
	const written: Written[] = [];
	return {
		scim: async () => await (scim ??= AtlassianClient.create(ctx, 'scim', settings)),
		admin: async () => await (admin ??= AtlassianClient.create(ctx, 'admin', settings)),
		learned: new Map(),
		wrote: (itemIndex, subject, what) => {
			written.push({ itemIndex, subject, what });
		},
		written,
	};
}

/** How many writes an error lists by name; the count is always whole. */
const WRITTEN_SHOWN = 10;

/**
 * A run that fails without Continue On Fail has no output, yet items before (and in flight beside) the failed one
 * were written at Atlassian: the error says which, so the admin can check them before running the items again.
 */
export function writtenBefore(written: Written[]): string | undefined {
	if (!written.length) return undefined;
	const ordered = [...written].sort((a, b) => a.itemIndex - b.itemIndex);
	const shown = ordered.slice(0, WRITTEN_SHOWN).map((w) => `${w.subject} ${w.what}`).join(', ');
	const more = ordered.length > WRITTEN_SHOWN ? ` and ${ordered.length - WRITTEN_SHOWN} more` : '';
	const count = ordered.length === 1 ? '1 item was' : `${ordered.length} items were`;
	return `${count} written before this error: ${shown}${more}. The run has no output, so check these before running the items again.`;
}

/** The error of a failed run, with what was written before it in its description. */
function failedAfter(error: NodeApiError | NodeOperationError, clients: Clients): NodeApiError | NodeOperationError {
	const written = writtenBefore(clients.written);
	if (written) error.description = error.description ? `${error.description} ${written}` : written;
	return error;
}

function errorItem(error: NodeApiError | NodeOperationError, i: number): INodeExecutionData[] {
	// n8n keeps `error` (message, description, httpCode) for the UI and the error output; json carries the message.
	return [{ json: { error: error.message }, error, pairedItem: { item: i } }];
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
 *
 * First every item is prepared (its parameters read and validated, no request): without Continue On Fail a bad
 * parameter fails the run before anything is sent; with it, that item becomes an error item and the others run.
 * Then the items run. With "Continue On Fail" each failed item becomes an error item; otherwise no new item starts
 * after a failure, and the error of the first failed item is thrown once the items already in flight have finished,
 * listing what was written.
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
	if (operation.executeAll) {
		const clients = clientsFor(this, settings);
		try {
			return [await operation.executeAll.call(this, clients)];
		} catch (caught) {
			throw failedAfter(withToolHint(this, withItem(this, caught, 0)), clients);
		}
	}
	const execute = operation.execute;
	if (!execute) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" has nothing to run`);
	const continueOnFail = this.continueOnFail();
	const results: INodeExecutionData[][] = new Array(items.length);

	const prepared: unknown[] = new Array(items.length);
	const ready: number[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			prepared[i] = operation.prepare ? operation.prepare.call(this, i) : undefined;
			ready.push(i);
		} catch (caught) {
			const error = withToolHint(this, withItem(this, caught, i));
			if (!continueOnFail) throw error;
			results[i] = errorItem(error, i);
		}
	}

	const clients = clientsFor(this, settings);
	let firstFailure: { index: number; error: NodeApiError | NodeOperationError } | undefined;
	let next = 0;
	const worker = async () => {
		while (next < ready.length && (continueOnFail || !firstFailure)) {
			const i = ready[next++];
			try {
				const output = forModel(this, i, await execute.call(this, i, clients, prepared[i]));
				results[i] = output.map((json) => ({ json, pairedItem: { item: i } }));
			} catch (caught) {
				const error = withToolHint(this, withItem(this, caught, i));
				if (continueOnFail) {
					results[i] = errorItem(error, i);
				} else if (!firstFailure || i < firstFailure.index) {
					firstFailure = { index: i, error };
				}
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(settings.maxConcurrency, ready.length) }, worker));
	if (firstFailure) throw failedAfter(firstFailure.error, clients);
	return [results.flat()];
}
