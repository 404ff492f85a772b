import { CORE_USER, ENTERPRISE, EXTERNAL } from '../store';

/** Extension schemas whose URN may prefix an attribute (`urn:…:enterprise:2.0:User:department`). */
export const USER_EXTENSIONS = [ENTERPRISE, EXTERNAL];

export interface AttributePath {
	/** Top-level key as written by the caller (an extension URN stays whole). */
	top: string;
	/** Sub-attribute, e.g. `givenName` in `name.givenName`, `department` in `urn:…:User:department`. */
	sub?: string;
	/** A value filter, e.g. `type eq "work"` in `emails[type eq "work"].value`. */
	filter?: { attribute: string; value: string | boolean };
}

const VALUE_FILTER = /^([A-Za-z][\w]*)\[\s*([A-Za-z][\w]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false)\s*\](?:\.([A-Za-z][\w]*))?$/i;

/**
 * Splits a SCIM attribute path (RFC 7644 §3.10). URNs contain dots (`…:2.0:User`), so an extension URN is matched
 * first, whole or followed by `:sub`; the core User URN prefix is dropped. Returns undefined for a shape it does not
 * know (the caller answers invalidPath).
 */
export function parsePath(raw: string): AttributePath | undefined {
	let path = raw.trim();
	const lowerPath = path.toLowerCase();
	for (const urn of USER_EXTENSIONS) {
		const u = urn.toLowerCase();
		if (lowerPath === u) return { top: urn };
		if (lowerPath.startsWith(`${u}:`)) {
			// `manager.value` stays one sub path; the caller knows it.
			return { top: urn, sub: path.slice(urn.length + 1) };
		}
	}
	if (lowerPath.startsWith(`${CORE_USER.toLowerCase()}:`)) path = path.slice(CORE_USER.length + 1);
	const filtered = VALUE_FILTER.exec(path);
	if (filtered) {
		let value: string | boolean;
		if (/^(true|false)$/i.test(filtered[3])) value = filtered[3].toLowerCase() === 'true';
		else {
			try {
				value = JSON.parse(filtered[3]) as string;
			} catch {
				return undefined;
			}
		}
		return { top: filtered[1], filter: { attribute: filtered[2], value }, ...(filtered[4] ? { sub: filtered[4] } : {}) };
	}
	if (!/^[A-Za-z$][\w$]*(\.[A-Za-z][\w]*)?$/.test(path)) return undefined;
	const dot = path.indexOf('.');
	return dot < 0 ? { top: path } : { top: path.slice(0, dot), sub: path.slice(dot + 1) };
}

/** The key of `doc` that matches `name` case-insensitively (SCIM attribute names are case-insensitive). */
export function findKey(doc: Record<string, unknown>, name: string): string | undefined {
	if (name in doc) return name;
	const lower = name.toLowerCase();
	return Object.keys(doc).find((k) => k.toLowerCase() === lower);
}
