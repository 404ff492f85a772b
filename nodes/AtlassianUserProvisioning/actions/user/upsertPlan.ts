import type { IDataObject } from 'n8n-workflow';

import { ENTERPRISE_SCHEMA } from '../../transport/schemas';
import { display, type Change } from '../../models/changes';
import { labelOf, MANAGER_PATH, userDocument, valueAt } from '../../models/userAttributes';
import { MAPPED_ATTRIBUTES, type Wanted } from '../../models/userMapping';

/**
 * What Create or Update does with one user: the requests it takes, worked out before anything is sent (so that every
 * item is checked before the first write, and a dry run can say what a real run would do).
 */
export type Plan =
	| { outcome: 'created'; document: IDataObject; changes: Change[] }
	| { outcome: 'updated'; operations: IDataObject[]; changes: Change[] }
	| { outcome: 'unchanged'; changes: Change[] };

interface Multi {
	value: string;
	type?: string;
	primary?: boolean;
}

function entries(user: IDataObject, key: 'emails' | 'phoneNumbers'): Multi[] {
	return Array.isArray(user[key]) ? (user[key] as Multi[]).filter((e) => e && typeof e.value === 'string') : [];
}

function primaryOf(list: Multi[]): Multi | undefined {
	return list.find((e) => e.primary === true) ?? list[0];
}

/**
 * The list with `value` as its primary entry: the old primary's value replaced (its type kept), other entries kept,
 * none listed twice. Only the primary is an HR source's to set; a second email or number stays as it is.
 */
function withPrimary(list: Multi[], value: string, same: (a: string, b: string) => boolean): Multi[] {
	const primary = primaryOf(list);
	const others = list.filter((e) => e !== primary && !same(e.value, value)).map((e) => ({ ...e, primary: false }));
	return [{ value, type: primary?.type ?? 'work', primary: true }, ...others];
}

const caseless = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const exact = (a: string, b: string) => a.trim() === b.trim();

/** A row of What Changed: primary email and phone show the one value, not the whole list. */
function row(field: string, before: unknown, after: unknown): Change {
	return { field, before: display(before), after: display(after) };
}

/**
 * Plans one matched or missing user. `managerId` is the manager's SCIM ID, looked up by the caller; `nameOf` gives a
 * user name for a SCIM ID (the manager before), so that What Changed shows user names on both sides.
 */
export function planUser(
	wanted: Wanted,
	current: IDataObject | undefined,
	managerId: string | undefined,
	clear: string[],
	nameOf: (id: string) => string | undefined = () => undefined,
): Plan {
	if (!current) return planCreate(wanted, managerId);
	const operations: IDataObject[] = [];
	const changes: Change[] = [];
	for (const attribute of MAPPED_ATTRIBUTES) {
		const value = wanted.values.get(attribute.id);
		if (value === undefined) {
			if (!clear.includes(attribute.id)) continue;
			// Fields to Clear: no value in the item empties the attribute, when it holds one.
			const path = attribute.id === 'phone' ? 'phoneNumbers' : attribute.id === 'manager' ? MANAGER_PATH : attribute.path;
			const was = attribute.id === 'phone' ? primaryOf(entries(current, 'phoneNumbers'))?.value : attribute.id === 'manager' ? (valueAt(current, path) as IDataObject | undefined)?.value : valueAt(current, path);
			if (display(was) === null) continue;
			operations.push({ op: 'remove', path });
			changes.push(row(attribute.id === 'phone' ? 'Phone' : labelOf(path), was, null));
			continue;
		}
		if (attribute.id === 'primaryEmail') {
			const list = entries(current, 'emails');
			const was = primaryOf(list)?.value;
			// Emails compare without regard to case at Atlassian: a change of case alone is no change.
			if (was !== undefined && caseless(was, String(value))) continue;
			operations.push({ op: 'replace', path: 'emails', value: withPrimary(list, String(value), caseless) as unknown as IDataObject[] });
			changes.push(row('Primary Email', was, value));
		} else if (attribute.id === 'phone') {
			const list = entries(current, 'phoneNumbers');
			const was = primaryOf(list)?.value;
			if (was !== undefined && exact(was, String(value))) continue;
			operations.push({ op: 'replace', path: 'phoneNumbers', value: withPrimary(list, String(value), exact) as unknown as IDataObject[] });
			changes.push(row('Phone', was, value));
		} else if (attribute.id === 'manager') {
			const was = (valueAt(current, MANAGER_PATH) as IDataObject | undefined)?.value;
			if (managerId === undefined || was === managerId) continue;
			operations.push({ op: 'replace', path: MANAGER_PATH, value: { value: managerId } });
			changes.push(row('Manager', typeof was === 'string' ? (nameOf(was) ?? was) : was, value));
		} else {
			const was = valueAt(current, attribute.path);
			const same = attribute.id === 'userName' ? typeof was === 'string' && caseless(was, String(value)) : display(was) === display(value);
			if (same) continue;
			// Name parts one by one: a given name alone leaves the family name (and every other part) as it is.
			operations.push({ op: 'replace', path: attribute.path, value });
			changes.push(row(labelOf(attribute.path), was, value));
		}
	}
	return operations.length ? { outcome: 'updated', operations, changes } : { outcome: 'unchanged', changes };
}

function planCreate(wanted: Wanted, managerId: string | undefined): Plan {
	const values = new Map<string, unknown>();
	const changes: Change[] = [];
	for (const attribute of MAPPED_ATTRIBUTES) {
		const value = wanted.values.get(attribute.id);
		if (value === undefined) continue;
		if (attribute.id === 'primaryEmail') {
			values.set('emails', [{ value, type: 'work', primary: true }]);
			changes.push(row('Primary Email', null, value));
		} else if (attribute.id === 'phone') {
			values.set('phoneNumbers', [{ value, type: 'work', primary: true }]);
			changes.push(row('Phone', null, value));
		} else if (attribute.id === 'manager') {
			if (managerId === undefined) continue;
			values.set(MANAGER_PATH, { value: managerId });
			changes.push(row('Manager', null, value));
		} else {
			values.set(attribute.path, value);
			changes.push(row(labelOf(attribute.path), null, value));
		}
	}
	return { outcome: 'created', document: userDocument(values), changes };
}

/** The user as a dry run expects Atlassian to leave it: the plan applied to a copy. */
export function expectedUser(current: IDataObject | undefined, plan: Plan): IDataObject {
	if (plan.outcome === 'created') return plan.document;
	const user = JSON.parse(JSON.stringify(current ?? {})) as IDataObject;
	if (plan.outcome === 'unchanged') return user;
	for (const op of plan.operations) {
		const path = String(op.path);
		const remove = op.op === 'remove';
		let target = user;
		let key = path;
		if (path.startsWith('name.')) {
			target = (user.name ??= {}) as IDataObject;
			key = path.slice(5);
		} else if (path.startsWith(`${ENTERPRISE_SCHEMA}:`)) {
			target = (user[ENTERPRISE_SCHEMA] ??= {}) as IDataObject;
			key = path.slice(ENTERPRISE_SCHEMA.length + 1);
		}
		if (remove) delete target[key];
		else target[key] = op.value as IDataObject[string];
	}
	return user;
}
