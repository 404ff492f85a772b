import type { IDataObject } from 'n8n-workflow';

import { labelOf, valueAt } from './userAttributes';

export interface Change {
	field: string;
	before: string | boolean | null;
	after: string | boolean | null;
}

/** One readable value: multi-valued attributes as "a@x.com (work, primary); b@y.com (home)". */
export function display(value: unknown): string | boolean | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'boolean' || typeof value === 'string') return value;
	if (Array.isArray(value)) {
		if (value.length === 0) return null;
		return (value as IDataObject[])
			.map((v) => {
				const tags = [v.type, v.primary ? 'primary' : undefined].filter(Boolean).join(', ');
				return tags ? `${String(v.value)} (${tags})` : String(v.value);
			})
			.join('; ');
	}
	// A complex value such as the manager: its value is what it means (Atlassian may add display names or links).
	if (typeof value === 'object' && (value as IDataObject).value !== undefined) return display((value as IDataObject).value);
	return JSON.stringify(value);
}

/** What differs between two versions of a user, for the given PATCH paths. */
export function diff(before: IDataObject, after: IDataObject, paths: Iterable<string>): Change[] {
	const changes: Change[] = [];
	for (const path of paths) {
		const was = display(valueAt(before, path));
		const is = display(valueAt(after, path));
		if (was !== is) changes.push({ field: labelOf(path), before: was, after: is });
	}
	return changes;
}

/** Whether a wanted value already holds (compared as a report would show it). */
export function sameValue(current: unknown, wanted: unknown): boolean {
	return display(current) === display(wanted);
}

export function summary(changes: Change[]): string {
	if (!changes.length) return 'No changes';
	return changes.map((c) => `${c.field}: ${c.before ?? '(empty)'} → ${c.after ?? '(empty)'}`).join('\n');
}
