import type { IDataObject } from 'n8n-workflow';

/**
 * The directory's users, listed once in an execution, found the way Atlassian compares them: user names and emails
 * without regard to case, external IDs exactly (Atlassian leaves external IDs case-sensitive, and not unique).
 */
export class UserDirectory {
	private readonly ids = new Map<string, IDataObject>();

	private readonly userNames = new Map<string, string>();

	private readonly externalIds = new Map<string, string[]>();

	private readonly emails = new Map<string, string[]>();

	/** Users already handed out to a writer in this execution: a second reader gets a fresh GET instead. */
	private readonly claimed = new Set<string>();

	constructor(
		users: IDataObject[],
		/** Every user was listed (see `Listing.complete`): only then does "not in the listing" mean "not in the directory". */
		readonly complete: boolean,
		/** The directory's size as Atlassian gave it. */
		readonly total: number,
	) {
		for (const user of users) {
			const id = String(user.id ?? '');
			if (!id || this.ids.has(id)) continue; // A user shifted across a page boundary is listed twice: once is enough.
			this.ids.set(id, user);
			if (typeof user.userName === 'string') this.userNames.set(user.userName.toLowerCase(), id);
			if (typeof user.externalId === 'string' && user.externalId) push(this.externalIds, user.externalId, id);
			for (const email of emailValues(user)) push(this.emails, email.toLowerCase(), id);
		}
	}

	get users(): IDataObject[] {
		return [...this.ids.values()];
	}

	byId(id: string): IDataObject | undefined {
		return this.ids.get(id);
	}

	byUserName(userName: string): IDataObject | undefined {
		const id = this.userNames.get(userName.toLowerCase());
		return id === undefined ? undefined : this.ids.get(id);
	}

	byExternalId(externalId: string): IDataObject[] {
		return (this.externalIds.get(externalId) ?? []).map((id) => this.ids.get(id)!);
	}

	/** Users with this email among their emails (primary or not). */
	byEmail(email: string): IDataObject[] {
		return [...new Set(this.emails.get(email.toLowerCase()) ?? [])].map((id) => this.ids.get(id)!);
	}

	/**
	 * Hands a listed user to one writer. After a first item on a user has changed it, the listing is stale for that
	 * user: a second item on the same user reads it itself (false here), as it did before there was a listing.
	 */
	claim(id: string): boolean {
		if (this.claimed.has(id)) return false;
		this.claimed.add(id);
		return true;
	}
}

function push(map: Map<string, string[]>, key: string, id: string): void {
	const list = map.get(key);
	if (list) list.push(id);
	else map.set(key, [id]);
}

export function emailValues(user: IDataObject): string[] {
	const list = Array.isArray(user.emails) ? (user.emails as IDataObject[]) : [];
	return list.map((e) => e.value).filter((v): v is string => typeof v === 'string' && v !== '');
}
