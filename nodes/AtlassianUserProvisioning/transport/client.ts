import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { assertSecureUrl } from '../../../credentials/bearerAuthentication';
import { backoffDelayMs, quotaExhaustedUntil, serverRetryAt } from './backoff';
import { apiError, networkError, type ErrorContext, type FailedResponse } from './errors';
import { Pacer } from './pacer';
import { query } from './paths';
import {
	CREDENTIAL_TYPE,
	DEFAULT_SETTINGS,
	type ApiName,
	type ApiRequest,
	type ApiResponse,
	type RequestSettings,
} from './types';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** 429s do not count against Max Retries (nothing was done), but a request gives up after this long or this often. */
const MAX_RATE_LIMIT_WAIT_MS = 10 * 60_000;
const MAX_RATE_LIMITED_ATTEMPTS = 60;
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

function parseBody(raw: unknown): { body: IDataObject; rawText?: string } {
	if (raw === undefined || raw === null) return { body: {}, rawText: '' };
	if (typeof raw === 'object' && !Buffer.isBuffer(raw)) return { body: raw as IDataObject };
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
	if (text.trim() === '') return { body: {}, rawText: text };
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as IDataObject };
		return { body: {}, rawText: text };
	} catch {
		return { body: {}, rawText: text };
	}
}

function baseUrlOf(api: ApiName, credentials: ICredentialDataDecryptedObject): string {
	const raw = api === 'scim' ? credentials.directoryBaseUrl : credentials.baseUrl || 'https://api.atlassian.com';
	return String(raw ?? '').trim().replace(/\/+$/, '');
}

/**
 * One client per API and per execution: it reads the credential once (in a running n8n every lookup is a
 * database read and a decryption), paces requests, retries what can be retried and maps Atlassian's errors.
 */
export class AtlassianClient {
	readonly pacer: Pacer;

	private orgProbe?: Promise<ErrorContext['orgProbe']>;

	private constructor(
		private readonly ctx: Context,
		readonly api: ApiName,
		private readonly credentials: ICredentialsDecrypted,
		readonly baseUrl: string,
		readonly settings: RequestSettings,
	) {
		this.pacer = new Pacer(settings.maxConcurrency);
	}

	static async create(
		ctx: Context,
		api: ApiName,
		settings: Partial<RequestSettings> = {},
	): Promise<AtlassianClient> {
		const type = CREDENTIAL_TYPE[api];
		const data = await ctx.getCredentials(type);
		const baseUrl = baseUrlOf(api, data);
		let parsed: URL;
		try {
			parsed = new URL(baseUrl);
		} catch {
			throw new NodeOperationError(
				ctx.getNode(),
				api === 'scim'
					? `Atlassian SCIM API credential: "${baseUrl}" is not a URL. The Directory base URL looks like https://api.atlassian.com/scim/directory/<directoryId>.`
					: `Atlassian Organization API credential: "${baseUrl}" is not a URL, e.g. https://api.atlassian.com.`,
			);
		}
		try {
			assertSecureUrl(parsed, api === 'scim' ? 'Atlassian SCIM API' : 'Atlassian Organization API');
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message);
		}
		if (api === 'admin' && !String(data.organizationId ?? '').trim()) {
			throw new NodeOperationError(ctx.getNode(), 'Atlassian Organization API credential: the Organization ID is empty.');
		}
		const reference = ctx.getNode().credentials?.[type];
		const credentials: ICredentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? type,
			type,
			data,
		};
		return new AtlassianClient(ctx, api, credentials, baseUrl, { ...DEFAULT_SETTINGS, ...settings });
	}

	get organizationId(): string {
		return String(this.credentials.data?.organizationId ?? '').trim();
	}

	/** Sends one request with pacing and retries; returns 2xx (and `expect`ed) answers, throws NodeApiError otherwise. */
	async request(req: ApiRequest): Promise<ApiResponse> {
		const node = this.ctx.getNode();
		const options: IHttpRequestOptions = {
			method: req.method,
			url: `${this.baseUrl}${req.path}${query(req.query)}`,
			headers: {
				Accept: 'application/scim+json, application/json',
				...(req.body ? { 'Content-Type': 'application/scim+json; charset=utf-8' } : {}),
			},
			body: req.body ? JSON.stringify(req.body) : undefined,
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Atlassian's APIs do not redirect; following one could carry the key to another host.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			timeout: this.settings.timeoutMs,
		};
		let attempts = 0;
		let failures = 0;
		let rateLimitedSince = 0;
		let rateLimited = 0;
		let resent = false;
		const context = (): ErrorContext => ({
			api: this.api,
			itemIndex: req.itemIndex,
			subject: req.subject,
			attempts,
			keyExpiresOn: this.credentials.data?.keyExpiresOn as string | undefined,
			organizationId: this.organizationId,
			unique: req.unique,
		});

		for (;;) {
			attempts++;
			const slot = await this.pacer.acquire();
			let raw: { statusCode: number; body: unknown; headers: IDataObject };
			try {
				raw = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					this.credentials.type,
					{ ...options, headers: { ...options.headers } },
					{ credentialsDecrypted: this.credentials },
				)) as typeof raw;
			} catch (error) {
				const cause = ((error as NodeApiError).cause ?? error) as Error & { code?: string };
				const timedOut = /ECONNABORTED|ETIMEDOUT|timeout/i.test(`${cause.code ?? ''} ${cause.message}`);
				this.pacer.release(slot, timedOut ? 'pushback' : 'ok');
				if (!cause.code) {
					// Not a network failure (e.g. the credential refused to send its key over plain http).
					throw new NodeOperationError(node, cause.message, { itemIndex: req.itemIndex });
				}
				if (cause.code === 'ERR_CANCELED') {
					throw new NodeOperationError(node, 'The execution was canceled', { itemIndex: req.itemIndex });
				}
				failures++;
				resent = true;
				if (failures > this.settings.maxRetries) throw networkError(node, cause, context(), this.settings.timeoutMs);
				await sleep(backoffDelayMs(failures));
				continue;
			}

			const { statusCode, headers } = raw;
			const { body, rawText } = parseBody(raw.body);

			if (statusCode === 429) {
				this.pacer.release(slot, 'pushback');
				rateLimitedSince ||= Date.now();
				rateLimited++;
				const retryAt = serverRetryAt(headers) ?? Date.now() + backoffDelayMs(attempts - failures, 500);
				this.pacer.pauseUntil(retryAt);
				if (rateLimited >= MAX_RATE_LIMITED_ATTEMPTS || Date.now() - rateLimitedSince > MAX_RATE_LIMIT_WAIT_MS) {
					throw apiError(node, { statusCode, body }, context());
				}
				continue;
			}
			const wrongShape =
				statusCode >= 200 &&
				statusCode < 300 &&
				rawText === undefined &&
				((req.shape === 'resource' && (body.id === undefined || body.id === null || body.id === '')) ||
					(req.shape === 'list' && !Array.isArray(body.Resources)));
			if (RETRYABLE_STATUS.has(statusCode) || wrongShape || (statusCode < 300 && rawText !== undefined && req.method !== 'DELETE' && statusCode !== 204)) {
				// 5xx, or a 2xx whose body is not the JSON we need (truncated, HTML from a proxy).
				this.pacer.release(slot, statusCode === 503 || statusCode === 504 ? 'pushback' : 'ok');
				failures++;
				if (req.method !== 'GET') resent = true;
				if (failures > this.settings.maxRetries) {
					throw apiError(node, { statusCode, body, rawText, contentType: String(headers['content-type'] ?? '') }, context());
				}
				const retryAt = serverRetryAt(headers);
				await sleep(retryAt ? Math.max(0, retryAt - Date.now()) : backoffDelayMs(failures));
				continue;
			}
			this.pacer.release(slot, 'ok');
			const exhausted = quotaExhaustedUntil(headers);
			if (exhausted) this.pacer.pauseUntil(exhausted);

			if ((statusCode >= 200 && statusCode < 300) || req.expect?.includes(statusCode)) {
				return { statusCode, body, headers, resent };
			}
			if (statusCode >= 300 && statusCode < 400) {
				throw new NodeApiError(node, { statusCode } as IDataObject as never, {
					message: `Atlassian answered with a redirect (${statusCode}), which is refused`,
					description: 'API keys are never sent to another address. Check the base URL in the credential.',
					httpCode: String(statusCode),
					itemIndex: req.itemIndex,
				});
			}
			const failed: FailedResponse = { statusCode, body, rawText, contentType: String(headers['content-type'] ?? '') };
			if (this.api === 'admin' && statusCode === 403) {
				throw apiError(node, failed, { ...context(), orgProbe: await this.probeOrganization() });
			}
			throw apiError(node, failed, context());
		}
	}

	/** After an admin 403: does the key see other organizations (wrong Organization ID) or none (not an org key)? */
	private async probeOrganization(): Promise<ErrorContext['orgProbe']> {
		this.orgProbe ??= (async () => {
			try {
				const response = await this.request({ method: 'GET', path: '/admin/v1/orgs', itemIndex: 0, expect: [401, 403] });
				if (response.statusCode !== 200) return 'key-refused' as const;
				const orgs = Array.isArray(response.body.data) ? (response.body.data as IDataObject[]) : [];
				return orgs.some((org) => org.id === this.organizationId) ? ('unknown' as const) : ('key-sees-other-orgs' as const);
			} catch {
				return 'unknown' as const;
			}
		})();
		return await this.orgProbe;
	}
}
