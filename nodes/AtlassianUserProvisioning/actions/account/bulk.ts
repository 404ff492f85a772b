import { NodeApiError, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { mapInOrder, parseList } from '../../helpers/lists';
import type { AtlassianClient } from '../../transport/client';
import { segment } from '../../transport/paths';
import type { Clients } from '../types';
import { accountsByEmail, checkEmail, isEmail } from '../../models/accounts';
import { directoriesOf } from './lookup';

export interface Target {
	accountId: string;
	/** the email the admin gave for this account, if any */
	email: string | null;
}

export interface Result extends IDataObject {
	outcome: string;
	statusCode: number | null;
	message: string;
}

export type Action = (client: AtlassianClient, target: Target, itemIndex: number) => Promise<Result>;

export function asNodeError(ctx: IExecuteFunctions, caught: unknown, i: number): NodeApiError | NodeOperationError {
	return caught instanceof NodeApiError || caught instanceof NodeOperationError ? caught : new NodeOperationError(ctx.getNode(), caught as Error, { itemIndex: i });
}

/** A failure that would fail every account alike (wrong key, wrong organization, scoped key): it stops the node. */
export function failsEveryAccount(error: NodeApiError | NodeOperationError): boolean {
	if (!(error instanceof NodeApiError)) return false;
	return error.httpCode === '401' || (error.httpCode === '403' && !error.context.atlassianKey);
}

/** The "Accounts" list of one item, checked without a request (each entry an email or an account ID). */
export function readAccounts(ctx: IExecuteFunctions, i: number): string[] {
	const node = ctx.getNode();
	const entries = parseList(node, i, 'Accounts', ctx.getNodeParameter('accounts', i), '"5f45327791e67a003fed461e" or "ada@example.com"');
	for (const entry of entries) {
		if (isEmail(entry)) checkEmail(node, i, 'Accounts', entry);
		else segment(entry, 'Account ID');
	}
	return entries;
}

/** How a written account is named in a failed run's report. */
export const accountName = (target: Target) => target.email ?? target.accountId;

/**
 * Runs `action` for every account of the "Accounts" list and returns one item per entry, in list order:
 * `{ accountId, email, outcome, statusCode, message, … }`. Emails are looked up first (50 per search); an unknown
 * email is the outcome "notFound". Blank entries and repeats are dropped; an email and the ID of the same account
 * are acted on once (the second says "duplicate"). Failures stop the node unless Continue On Fail is on: then each
 * is reported on its own item ("failed") and the rest go on. A refused key stops the node in any case.
 */
export async function runBulk(ctx: IExecuteFunctions, i: number, clients: Clients, entries: string[], action: Action): Promise<IDataObject[]> {
	const client = await clients.admin();
	const emails = entries.filter(isEmail);
	const byEmail = emails.length ? await accountsByEmail(client, emails, '-', i) : new Map<string, IDataObject>();
	const continueOnFail = ctx.continueOnFail();
	const firstEntryOf = new Map<string, string>();
	const targets = entries.map((entry) => {
		const accountId = isEmail(entry) ? (byEmail.get(entry.toLowerCase())?.accountId as string | undefined) : entry;
		const duplicateOf = accountId && firstEntryOf.has(accountId) ? firstEntryOf.get(accountId) : undefined;
		if (accountId && !duplicateOf) firstEntryOf.set(accountId, entry);
		return { entry, accountId, email: isEmail(entry) ? entry : null, duplicateOf };
	});
	return await mapInOrder(targets, client.settings.maxConcurrency, async ({ entry, accountId, email, duplicateOf }) => {
		const base = { accountId: accountId ?? null, email };
		if (!accountId) return { ...base, outcome: 'notFound', statusCode: null, message: `No account in the organization has the email ${entry}` };
		if (duplicateOf) return { ...base, outcome: 'duplicate', statusCode: null, message: `Same account as "${duplicateOf}" earlier in the list: done once` };
		try {
			return { ...base, ...(await action(client, { accountId, email }, i)) };
		} catch (caught) {
			const error = asNodeError(ctx, caught, i);
			if (!continueOnFail || failsEveryAccount(error)) throw error;
			const httpCode = error instanceof NodeApiError ? error.httpCode : null;
			return { ...base, outcome: 'failed', statusCode: httpCode ? Number(httpCode) : null, message: error.message, errorDescription: error.description ?? null };
		}
	});
}

/**
 * For the v2 writes that need one directory: the chosen one, or with "All directories" every directory the account
 * is in (Atlassian does not document '-' for writes). Returns one result per directory, and the combined outcome.
 */
export async function inEachDirectory(
	client: AtlassianClient,
	target: Target,
	i: number,
	chosen: string,
	done: string,
	act: (directoryId: string) => Promise<'done' | 'notFound' | 'gone'>,
): Promise<Result> {
	const directories = chosen === '-' ? await directoriesOf(client, target.accountId, i) : [{ directoryId: chosen, name: null }];
	if (!directories.length) return { outcome: 'notFound', statusCode: null, message: 'The account is in no directory of the organization', directories: [] };
	const results: IDataObject[] = [];
	for (const { directoryId, name } of directories) {
		const outcome = await act(directoryId);
		results.push({ directoryId, name, outcome: outcome === 'done' ? done : outcome });
	}
	const acted = results.filter((r) => r.outcome === done || r.outcome === 'gone').length;
	if (!acted) return { outcome: 'notFound', statusCode: 404, message: `The account is not in directory ${chosen}`, directories: results };
	return {
		outcome: done,
		statusCode: null,
		message: `${done[0].toUpperCase()}${done.slice(1)} in ${acted} ${acted === 1 ? 'directory' : 'directories'}`,
		directories: results,
	};
}
