import { scimError } from './errors';

export interface Filter {
	attribute: string;
	value: string;
}

/**
 * Atlassian accepts exactly one `<attribute> eq "<value>"` comparison (attribute and operator case-insensitive).
 * The string is parsed strictly with its escapes, and nothing may follow it, so `x" or userName pr "` sent escaped is
 * only ever the literal user name; anything else is 400 invalidFilter.
 */
export function parseFilter(text: string, allowed: string[]): Filter {
	const match = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/is.exec(text);
	const attribute = match ? allowed.find((a) => a.toLowerCase() === match[1].toLowerCase()) : undefined;
	if (!match || !attribute) {
		throw scimError(400, `Unsupported filter: ${text}. Supported: ${allowed.map((a) => `${a} eq "value"`).join(', ')}`, 'invalidFilter');
	}
	return { attribute, value: match[2].replace(/\\(.)/gs, '$1') };
}
