import {
	UserError,
	type ICredentialDataDecryptedObject,
	type IHttpRequestOptions,
} from 'n8n-workflow';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Plain http:// would put the key on the wire in clear text; only a loopback proxy or test server may use it. */
export function assertSecureUrl(url: URL, credentialName: string): void {
	if (url.protocol === 'https:') return;
	if (url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname)) return;
	throw new UserError(
		`${credentialName}: "${url.protocol}//${url.host}" is refused. Use an https:// URL (plain http:// is only allowed for 127.0.0.1 or localhost).`,
	);
}

/** People paste keys with a trailing newline or with the "Bearer " prefix already in front. */
export function cleanKey(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/^Bearer\s+/i, '');
}

/**
 * Builds the credential's `authenticate`: a Bearer key that is only ever sent over https (or loopback http)
 * and only to the host the credential names, so a redirect or a crafted URL can never carry it elsewhere.
 */
export function bearerAuthentication(options: {
	credentialName: string;
	keyField: string;
	baseUrl: (credentials: ICredentialDataDecryptedObject) => string;
}) {
	return async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const home = new URL(options.baseUrl(credentials));
		const target = new URL(requestOptions.url, requestOptions.baseURL || undefined);
		assertSecureUrl(target, options.credentialName);
		if (target.host !== home.host) {
			throw new UserError(
				`${options.credentialName}: refusing to send the API key to ${target.host}; it is only sent to ${home.host}.`,
			);
		}
		const key = cleanKey(credentials[options.keyField]);
		if (!key) throw new UserError(`${options.credentialName}: the API key is empty.`);
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${key}` },
		};
	};
}
