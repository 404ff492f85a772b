import { scimError } from './errors';
import { findKey, parsePath } from './paths';

type Doc = Record<string, any>;

/** Always returned whatever `attributes`/`excludedAttributes` say (RFC 7643 `returned: always`). */
const ALWAYS = new Set(['id', 'schemas']);

function paths(text: string) {
	return text
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((s) => parsePath(s))
		.filter((p): p is NonNullable<ReturnType<typeof parsePath>> => !!p && !p.filter);
}

/** Checks the two parameters up front, so a bad combination is 400 even before anything is looked up or written. */
export function checkProjection(query: URLSearchParams): void {
	if (query.get('attributes') && query.get('excludedAttributes')) {
		throw scimError(400, 'attributes and excludedAttributes are mutually exclusive', 'invalidValue');
	}
}

/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.9), comma-separated, with dotted sub-attributes (`emails.value`,
 * `name.givenName`) and URN-qualified extension attributes (whole or `…:User:department`). Supported by Atlassian on
 * the Users endpoints only (docs/atlassian-api.md §5). Unknown names are ignored.
 */
export function project(doc: Doc, query: URLSearchParams): Doc {
	checkProjection(query);
	const attributes = query.get('attributes');
	const excluded = query.get('excludedAttributes');
	if (attributes) {
		const out: Doc = { schemas: doc.schemas, id: doc.id };
		for (const path of paths(attributes)) {
			const key = findKey(doc, path.top);
			if (!key || doc[key] === undefined) continue;
			const value = doc[key];
			if (path.sub === undefined) out[key] = value;
			else if (Array.isArray(value)) {
				const previous: Doc[] = Array.isArray(out[key]) ? out[key] : [];
				out[key] = value.map((entry: Doc, i: number) => {
					const sub = entry && typeof entry === 'object' ? findKey(entry, path.sub!) : undefined;
					return { ...(previous[i] ?? {}), ...(sub && entry[sub] !== undefined ? { [sub]: entry[sub] } : {}) };
				});
			} else if (value && typeof value === 'object') {
				const sub = findKey(value, path.sub);
				if (sub && value[sub] !== undefined) out[key] = { ...(out[key] ?? {}), [sub]: value[sub] };
			}
		}
		return out;
	}
	if (excluded) {
		const out: Doc = structuredClone(doc);
		for (const path of paths(excluded)) {
			const key = findKey(out, path.top);
			if (!key || ALWAYS.has(key)) continue;
			if (path.sub === undefined) delete out[key];
			else if (Array.isArray(out[key])) {
				for (const entry of out[key]) {
					const sub = entry && typeof entry === 'object' ? findKey(entry, path.sub) : undefined;
					if (sub) delete entry[sub];
				}
			} else if (out[key] && typeof out[key] === 'object') {
				const sub = findKey(out[key], path.sub);
				if (sub) delete out[key][sub];
			}
		}
		return out;
	}
	return doc;
}
