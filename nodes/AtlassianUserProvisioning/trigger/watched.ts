import type { IDataObject } from 'n8n-workflow';

import { display } from '../models/changes';
import { labelOf, valueAt } from '../models/userAttributes';
import { ENTERPRISE_SCHEMA } from '../transport/schemas';

/** A user attribute the directory source can watch for "User Updated", read as the action node's What Changed shows it. */
interface Watchable {
	value: string;
	name: string;
	read: (user: IDataObject) => string | boolean | null;
}

const at = (path: string) => (user: IDataObject) => display(valueAt(user, path));

/** The manager is `{value, displayName}` in the enterprise extension; its value (email or user ID) is what changes. */
function manager(user: IDataObject): string | null {
	const raw = (user[ENTERPRISE_SCHEMA] as IDataObject | undefined)?.manager ?? user.manager;
	if (raw === undefined || raw === null || raw === '') return null;
	if (typeof raw === 'object') {
		const value = (raw as IDataObject).value;
		return value === undefined || value === null || value === '' ? null : String(value);
	}
	return String(raw);
}

const path = (value: string, p: string): Watchable => ({ value, name: labelOf(p), read: at(p) });

/** Sorted by name (n8n convention for options). Active is not here: it has its own events (deactivated, reactivated). */
export const WATCHABLE: Watchable[] = [
	path('department', `${ENTERPRISE_SCHEMA}:department`),
	path('displayName', 'displayName'),
	path('emails', 'emails'),
	path('externalId', 'externalId'),
	{ value: 'manager', name: 'Manager', read: manager },
	path('familyName', 'name.familyName'),
	path('givenName', 'name.givenName'),
	path('nickName', 'nickName'),
	path('organization', `${ENTERPRISE_SCHEMA}:organization`),
	path('phoneNumbers', 'phoneNumbers'),
	path('preferredLanguage', 'preferredLanguage'),
	path('timezone', 'timezone'),
	path('title', 'title'),
	path('userName', 'userName'),
];

/** What matters for access by default: who the user is (emails, user name) and where they sit. */
export const DEFAULT_WATCHED = ['department', 'emails', 'manager', 'organization', 'title', 'userName'];

export function watchable(value: string): Watchable | undefined {
	return WATCHABLE.find((w) => w.value === value);
}
