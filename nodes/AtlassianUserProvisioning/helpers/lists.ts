import type { INode } from 'n8n-workflow';

import { invalid } from './validation';

/**
 * A list parameter as people give it: one value, comma- or newline-separated text, or an array from an expression.
 * Blank entries are dropped and repeats are kept once (first position), so each value is handled exactly once.
 */
export function parseList(node: INode, itemIndex: number, field: string, value: unknown, example: string): string[] {
	const raw: unknown[] = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\n,;]/) : [value];
	const out: string[] = [];
	const seen = new Set<string>();
	for (const entry of raw) {
		if (entry === undefined || entry === null || entry === '') continue;
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			throw invalid(node, itemIndex, field, `expected text entries, got ${Array.isArray(entry) ? 'a list' : typeof entry}`, example);
		}
		const text = String(entry).trim();
		if (!text || seen.has(text)) continue;
		seen.add(text);
		out.push(text);
	}
	if (out.length === 0) throw invalid(node, itemIndex, field, 'no value given', example);
	return out;
}

/** Runs `task` for every entry with at most `width` at once and returns the results in entry order. */
export async function mapInOrder<T, R>(entries: T[], width: number, task: (entry: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(entries.length);
	let next = 0;
	const worker = async () => {
		while (next < entries.length) {
			const index = next++;
			results[index] = await task(entries[index], index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(width, entries.length)) }, worker));
	return results;
}
