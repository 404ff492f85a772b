import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isToolRun } from '../../helpers/tool';
import type { AtlassianClient } from '../../transport/client';
import { startListing } from '../../transport/directoryListing';
import type { Clients } from '../types';
import { UserDirectory } from './directoryIndex';
import { USER_PATH } from '../../transport/paths';
import type { UserRef, UserTarget } from './locator';

/**
 * Reading many users: one request per user, or the whole directory in pages, whichever takes fewer requests.
 *
 * The rule: with `needed` users to read, the first page of the directory is read (it says how many pages there are,
 * `pages`); the rest is listed when `pages <= needed`. Listing then costs `pages` requests in all, where one request
 * per user would have cost `needed + 1` (the first page was read already). Below two users the first page is not
 * read at all: one GET can never lose to a listing. So a 10,000-user directory (100 pages) is listed for 100 users or
 * more, and a 250-user directory (3 pages) for 3 or more.
 */
export function listingWins(pages: number, needed: number): boolean {
	return pages <= needed;
}

const SUBJECT = "the directory's users";

/** Lists the whole directory now (when the operation needs it whatever the count, such as Create or Update by email). */
export async function listDirectory(client: AtlassianClient): Promise<UserDirectory> {
	const start = await startListing(client, { path: USER_PATH, itemIndex: 0, subject: SUBJECT });
	const listing = await start.rest();
	return new UserDirectory(listing.resources, listing.complete, start.total);
}

/** The directory when listing it is cheaper than `needed` single reads, else undefined (read one by one). */
export async function directoryIfCheaper(client: AtlassianClient, needed: number): Promise<UserDirectory | undefined> {
	if (needed < 2) return undefined;
	const start = await startListing(client, { path: USER_PATH, itemIndex: 0, subject: SUBJECT });
	if (!listingWins(start.pages, needed)) return undefined;
	const listing = await start.rest();
	return new UserDirectory(listing.resources, listing.complete, start.total);
}

const KEY = 'userDirectory';

/** Once per execution, shared by its items: every item of an Update needs its user read before it is changed. */
async function sharedDirectory(this: IExecuteFunctions, clients: Clients, client: AtlassianClient): Promise<UserDirectory | undefined> {
	let pending = clients.learned.get(KEY) as Promise<UserDirectory | undefined> | undefined;
	if (!pending) {
		pending = isToolRun(this) ? Promise.resolve(undefined) : directoryIfCheaper(client, this.getInputData().length);
		clients.learned.set(KEY, pending);
	}
	return await pending;
}

/**
 * The user an item's User locator names, from the directory listing when this execution lists it; undefined when it
 * reads users one by one, or when the listing does not hold that user (then the usual lookup runs, with its usual
 * errors: a listing only ever saves requests, it never changes what an item does).
 */
export async function listedUser(
	this: IExecuteFunctions,
	clients: Clients,
	client: AtlassianClient,
	target: UserTarget,
): Promise<{ ref: UserRef; user: IDataObject } | undefined> {
	if (target.mode === 'model') return undefined;
	const directory = await sharedDirectory.call(this, clients, client);
	if (!directory) return undefined;
	const { mode } = target;
	const value = target.value.trim();
	if (!value) return undefined;
	let user: IDataObject | undefined;
	let label = `user "${value}"`;
	if (mode === 'userName') {
		user = directory.byUserName(value);
	} else if (mode === 'externalId') {
		// Only a complete listing can tell that exactly one user has it (two are an error the lookup reports).
		const found = directory.byExternalId(value);
		user = directory.complete && found.length === 1 ? found[0] : undefined;
		label = `user with external ID "${value}"`;
	} else {
		user = directory.byId(value);
	}
	if (!user || !directory.claim(String(user.id))) return undefined;
	return { ref: { user, id: String(user.id), label }, user };
}
