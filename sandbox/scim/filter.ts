import { scimError } from './errors';
import { CORE_GROUP, CORE_USER } from '../store';

export interface Filter {
	/** The attribute as the caller allowed it (canonical spelling). */
	attribute: string;
	value: string;
}

// One comparison: <attribute> eq "<JSON string>", nothing before or after but whitespace.
const COMPARISON = /^\s*([A-Za-z][A-Za-z0-9_.:-]*)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/is;

/**
 * Atlassian supports exactly one `<attribute> eq "<value>"` comparison (docs/atlassian-api.md §5); attribute name and operator
 * are case-insensitive, the attribute may carry its core schema URN. The quoted value is decoded as a JSON string
 * (so `\"` and `\\` work) and must be the last thing in the filter: `x\" or userName pr \"` sent escaped is only ever
 * the literal user name `x" or userName pr "`. Everything else (and/or/not, pr/co/sw, other attributes, other
 * escapes, trailing text) is 400 invalidFilter.
 */
export function parseFilter(text: string, allowed: string[], resource: 'USER' | 'GROUP'): Filter {
	const invalid = () => scimError(400, `Resource [${resource}]: invalid filter [${text}]. Supported: ${allowed.map((a) => `${a} eq "value"`).join(', ')}`, 'invalidFilter');
	const match = COMPARISON.exec(text);
	if (!match) throw invalid();
	let name = match[1];
	const urn = `${resource === 'USER' ? CORE_USER : CORE_GROUP}:`;
	if (name.toLowerCase().startsWith(urn.toLowerCase())) name = name.slice(urn.length);
	const attribute = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
	if (!attribute) throw invalid();
	let value: unknown;
	try {
		value = JSON.parse(match[2]);
	} catch {
		throw invalid();
	}
	return { attribute, value: value as string };
}
