import fc from 'fast-check';
import type { INode } from 'n8n-workflow';

import { parseList } from '../../nodes/AtlassianUserProvisioning/helpers/lists';
import { asText } from '../../nodes/AtlassianUserProvisioning/helpers/validation';
import { query, scimString, segment } from '../../nodes/AtlassianUserProvisioning/transport/paths';

const node = { id: 'n', name: 'Atlassian', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** Strings of any script, emoji, quotes, backslashes, control characters and path characters. */
const hostile = fc.oneof(
	fc.string({ unit: 'grapheme', maxLength: 60 }),
	fc.string({ unit: fc.constantFrom('"', '\\', '/', '.', '?', '#', '%', ' ', '\n', 'a', 'é', '日', '🙂', ' or ', 'pr', 'eq'), maxLength: 40 }),
	fc.constantFrom('x" or userName pr "', '" or "1"="1', '\\"', '..', '../Groups', '%2e%2e', 'a/../../admin'),
);

test('a SCIM string literal is always exactly one token that unescapes to the input', () => {
	fc.assert(
		fc.property(hostile, (value) => {
			const literal = scimString(value);
			expect(literal).toMatch(/^"(?:[^"\\]|\\.)*"$/s);
			const unescaped = literal.slice(1, -1).replace(/\\(.)/gs, '$1');
			expect(unescaped).toBe(value);
		}),
		{ numRuns: 2000 },
	);
});

test('a path segment never carries /, ?, # or a dot-only name, and decodes to the trimmed input', () => {
	fc.assert(
		fc.property(hostile, (value) => {
			const trimmed = value.trim();
			if (!trimmed || /^\.+$/.test(trimmed)) {
				expect(() => segment(value, 'ID')).toThrow();
				return;
			}
			const encoded = segment(value, 'ID');
			expect(encoded).not.toMatch(/[/?#]/);
			expect(encoded).not.toMatch(/%(?![0-9A-F]{2})/);
			expect(decodeURIComponent(encoded)).toBe(trimmed);
			const url = new URL(`https://api.example.test/scim/directory/d/Users/${encoded}`);
			expect(url.pathname.startsWith('/scim/directory/d/Users/')).toBe(true);
			expect(url.search).toBe('');
			expect(url.hash).toBe('');
		}),
		{ numRuns: 2000 },
	);
});

test('non-text IDs from expressions are refused with a clear message', () => {
	for (const value of [{}, [], ['a'], null, undefined, true]) expect(() => segment(value, 'User ID')).toThrow(/User ID/);
	expect(segment(42, 'User ID')).toBe('42');
});

test('query strings keep every value inside its parameter', () => {
	fc.assert(
		fc.property(hostile, hostile, (filter, attributes) => {
			const qs = query({ filter, attributes });
			const params = new URLSearchParams(qs.slice(1));
			if (filter) expect(params.get('filter')).toBe(filter);
			if (attributes) expect(params.get('attributes')).toBe(attributes);
			expect([...params.keys()].every((k) => k === 'filter' || k === 'attributes')).toBe(true);
		}),
		{ numRuns: 1000 },
	);
});

test('lists from text or expressions: each value once, in order; objects refused', () => {
	fc.assert(
		fc.property(fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.integer()), { maxLength: 30 }), (values) => {
			const expected = [...new Set(values.map((v) => String(v).trim()).filter((v) => v && !/[\n,;]/.test(v)))];
			const clean = values.filter((v) => !/[\n,;]/.test(String(v)));
			if (expected.length === 0) {
				expect(() => parseList(node, 0, 'IDs', clean, '"a"')).toThrow(/no value given/);
				return;
			}
			expect(parseList(node, 0, 'IDs', clean, '"a"')).toEqual(expected);
			expect(parseList(node, 0, 'IDs', clean.join('\n'), '"a"')).toEqual(expected);
		}),
		{ numRuns: 1000 },
	);
	expect(() => parseList(node, 3, 'IDs', [{ id: 1 }], '"a"')).toThrow(/expected text entries, got object/);
});

test('numbers become text; objects and lists where text is expected are refused, naming field and item', () => {
	expect(asText(node, 0, 'Title', 12, '"x"')).toBe('12');
	expect(asText(node, 0, 'Title', false, '"x"')).toBe('false');
	try {
		asText(node, 4, 'Title', { x: 1 }, '"Analyst"');
		throw new Error('not refused');
	} catch (error) {
		expect((error as Error).message).toBe('Title: expected text, got object');
		expect((error as { description: string }).description).toBe('Item 5, field "Title". A valid value looks like "Analyst".');
	}
});
