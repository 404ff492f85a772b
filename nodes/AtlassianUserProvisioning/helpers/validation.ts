import { NodeOperationError, type INode } from 'n8n-workflow';

/** Thrown before any request is sent; names the field, the item and what a valid value looks like. */
export function invalid(node: INode, itemIndex: number, field: string, problem: string, example: string) {
	return new NodeOperationError(node, `${field}: ${problem}`, {
		itemIndex,
		description: `Item ${itemIndex + 1}, field "${field}". A valid value looks like ${example}.`,
	});
}

/**
 * Values from expressions can be numbers, lists or objects. Numbers and booleans become text;
 * lists and objects are refused, because sending "[object Object]" to Atlassian would lose data.
 */
export function asText(node: INode, itemIndex: number, field: string, value: unknown, example: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
	throw invalid(node, itemIndex, field, `expected text, got ${Array.isArray(value) ? 'a list' : typeof value}`, example);
}

export function requireText(node: INode, itemIndex: number, field: string, value: unknown, example: string): string {
	const text = asText(node, itemIndex, field, value, example)?.trim() ?? '';
	if (!text) throw invalid(node, itemIndex, field, 'must not be empty', example);
	return text;
}

const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[^\s@"(),:;<>[\\\]]+\.[^\s@"(),:;<>[\\\].]{2,}$/;

export function validEmail(node: INode, itemIndex: number, field: string, value: unknown): string {
	const text = requireText(node, itemIndex, field, value, '"ada.lovelace@example.com"');
	if (!EMAIL.test(text)) {
		throw invalid(node, itemIndex, field, `"${text}" is not an email address`, '"ada.lovelace@example.com"');
	}
	return text;
}

let zones: Map<string, string> | undefined;

/** Canonical IANA names, keyed in lower case; Atlassian silently ignores anything else (e.g. "Sydney", "GMT+8"). */
function timeZones(): Map<string, string> {
	if (!zones) {
		zones = new Map();
		for (const zone of [...Intl.supportedValuesOf('timeZone'), 'UTC']) zones.set(zone.toLowerCase(), zone);
	}
	return zones;
}

export function validTimezone(node: INode, itemIndex: number, value: unknown): string {
	const text = requireText(node, itemIndex, 'Timezone', value, '"America/Los_Angeles"');
	const exact = timeZones().get(text.toLowerCase());
	if (exact === text) return text;
	const city = text.toLowerCase().replace(/\s+/g, '_');
	const suggestion =
		exact ?? [...timeZones().values()].find((zone) => zone.toLowerCase().endsWith(`/${city}`));
	throw invalid(
		node,
		itemIndex,
		'Timezone',
		`"${text}" is not an IANA time zone name, and Atlassian silently ignores such values`,
		suggestion ? `"${suggestion}"` : '"America/Los_Angeles" or "Europe/Berlin"',
	);
}

/** Language names people type instead of a tag, with the tag they most likely mean. */
const LANGUAGE_NAMES: Record<string, string> = {
	english: 'en-US',
	german: 'de-DE',
	deutsch: 'de-DE',
	french: 'fr-FR',
	français: 'fr-FR',
	francais: 'fr-FR',
	spanish: 'es-ES',
	español: 'es-ES',
	espanol: 'es-ES',
	italian: 'it-IT',
	portuguese: 'pt-BR',
	dutch: 'nl-NL',
	japanese: 'ja-JP',
	chinese: 'zh-CN',
	korean: 'ko-KR',
	russian: 'ru-RU',
	polish: 'pl-PL',
	swedish: 'sv-SE',
};

export function validLanguage(node: INode, itemIndex: number, value: unknown): string {
	const text = requireText(node, itemIndex, 'Preferred Language', value, '"en-US"');
	const named = LANGUAGE_NAMES[text.toLowerCase()];
	const example = named ? `"${named}"` : text.includes('_') ? `"${text.replace(/_/g, '-')}"` : '"en-US" or "de"';
	try {
		const [canonical] = Intl.getCanonicalLocales(text);
		// BCP 47 allows 5–8 letter language subtags ("English" passes its syntax), but languages in use have 2–3 letter
		// codes: a longer first part is a language name, which Atlassian would not understand.
		if (canonical && !text.includes('_') && /^[a-z]{2,3}(-|$)/i.test(text)) return text;
	} catch {
		// Not a BCP 47 tag: reported below with an example.
	}
	throw invalid(node, itemIndex, 'Preferred Language', `"${text}" is not a BCP 47 language tag`, example);
}
