/** Where Atlassian's SCIM directories live; a Directory base URL is this followed by the directory ID. */
const SCIM_DIRECTORIES = 'https://api.atlassian.com/scim/directory/';

/**
 * The Directory base URL as the node uses it, from what admins paste: the URL itself, the URL of its users or
 * groups (a trailing `/Users` or `/Groups`, which would otherwise make every path `/Users/Users`), or only the
 * directory ID (the part after /scim/directory/), from which the URL is built.
 */
export function directoryBaseUrl(value: unknown): string {
	const text = String(value ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/(Users|Groups)$/i, '')
		.replace(/\/+$/, '');
	return /^[0-9a-z][0-9a-z-]*$/i.test(text) ? `${SCIM_DIRECTORIES}${text}` : text;
}
