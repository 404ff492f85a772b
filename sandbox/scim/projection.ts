import { scimError } from './errors';

type Doc = Record<string, any>;

/** Splits "a.b" and "urn:...:User:department" into [top, sub?]. */
function split(path: string, extensions: string[]): [string, string | undefined] {
	const ext = extensions.find((urn) => path.toLowerCase().startsWith(`${urn.toLowerCase()}:`));
	if (ext) return [ext, path.slice(ext.length + 1)];
	const dot = path.indexOf('.');
	return dot < 0 ? [path, undefined] : [path.slice(0, dot), path.slice(dot + 1)];
}

function findKey(doc: Doc, key: string): string | undefined {
	return Object.keys(doc).find((k) => k.toLowerCase() === key.toLowerCase());
}

/** `attributes` / `excludedAttributes` (RFC 7644 §3.9); `id` and `schemas` are always returned. */
export function project(doc: Doc, query: URLSearchParams, extensions: string[]): Doc {
	const attributes = query.get('attributes');
	const excluded = query.get('excludedAttributes');
	if (attributes && excluded) throw scimError(400, 'attributes and excludedAttributes are mutually exclusive', 'invalidValue');
	const list = (attributes ?? excluded ?? '').split(',').map((s) => s.trim()).filter(Boolean);
	if (!list.length) return doc;
	if (attributes) {
		const out: Doc = { schemas: doc.schemas, id: doc.id };
		for (const path of list) {
			const [top, sub] = split(path, extensions);
			const key = findKey(doc, top);
			if (!key || doc[key] === undefined) continue;
			if (!sub) out[key] = doc[key];
			else if (Array.isArray(doc[key])) {
				out[key] = (doc[key] as Doc[]).map((entry, i) => ({ ...(out[key]?.[i] ?? {}), ...(entry[sub] !== undefined ? { [sub]: entry[sub] } : {}) }));
			} else if (doc[key] && typeof doc[key] === 'object' && doc[key][sub] !== undefined) {
				out[key] = { ...(out[key] ?? {}), [sub]: doc[key][sub] };
			}
		}
		return out;
	}
	const out: Doc = JSON.parse(JSON.stringify(doc));
	for (const path of list) {
		const [top, sub] = split(path, extensions);
		const key = findKey(out, top);
		if (!key || key === 'id' || key === 'schemas') continue;
		if (!sub) delete out[key];
		else if (Array.isArray(out[key])) for (const entry of out[key]) delete entry[sub];
		else if (out[key] && typeof out[key] === 'object') delete out[key][sub];
	}
	return out;
}
