import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { assertSecureUrl, cleanKey } from '../../../credentials/bearerAuthentication';
import { directoryBaseUrl } from '../../../credentials/directoryUrl';
import { decide, isNetworkTimeout, NO_ATTEMPTS, type Attempts, type Outcome } from './decide';
import { apiError, credentialLabel, networkError, redirectError, type ErrorContext, type FailedResponse } from './errors';
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

/**
 * What the client needs from n8n: an execution or load-options context has it, and so does the credential test's
 * context (see credentialTestContext.ts), so the Test button runs this same client.
 */
export interface ClientContext {
	getNode(): INode;
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
	helpers: {
		httpRequestWithAuthentication(
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: IAdditionalCredentialOptions,
		): Promise<unknown>;
	};
}

type Context = ClientContext;

/** A JSON array of objects (API token lists, the User Management API's lifecycle errors), else undefined. */
function objectArray(parsed: unknown): IDataObject[] | undefined {
	if (!Array.isArray(parsed)) return undefined;
	return parsed.every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry)) ? (parsed as IDataObject[]) : undefined;
}

/**
 * The body as JSON; `rawText` when it is not a JSON object (empty, HTML, truncated), with `array` when it is a JSON
 * array of objects. An array is parsed only where one can be the answer (`arrayWanted`): elsewhere it is the wrong
 * answer whatever it holds, and parsing a huge one (a proxy's 20 MB) would block the event loop for seconds, long
 * enough for every other request in flight to time out although its answer had come.
 */
function parseBody(raw: unknown, arrayWanted: boolean): { body: IDataObject; rawText?: string; array?: IDataObject[] } {
	if (raw === undefined || raw === null) return { body: {}, rawText: '' };
	if (typeof raw === 'object' && !Buffer.isBuffer(raw)) return { body: raw as IDataObject };
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
	const first = /\S/.exec(text)?.[0];
	if (first === undefined) return { body: {}, rawText: text };
	if (first === '[' && !arrayWanted) return { body: {}, rawText: text };
	try {
		const parsed = JSON.parse(text) as unknown;
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { body: parsed as IDataObject };
		return { body: {}, rawText: text, array: objectArray(parsed) };
	} catch {
		return { body: {}, rawText: text };
	}
}

function baseUrlOf(api: ApiName, credentials: ICredentialDataDecryptedObject): string {
	if (api === 'scim') return directoryBaseUrl(credentials.directoryBaseUrl);
	return String(credentials.baseUrl || 'https://api.atlassian.com').trim().replace(/\/+$/, '');
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
		const reference = ctx.getNode().credentials?.[type];
		const label = credentialLabel(api, reference?.name);
		let parsed: URL;
		try {
			parsed = new URL(baseUrl);
		} catch {
			throw new NodeOperationError(
				ctx.getNode(),
				api === 'scim'
					? `${label}: "${baseUrl}" is not a URL. The Directory base URL looks like https://api.atlassian.com/scim/directory/<directoryId>.`
					: `${label}: "${baseUrl}" is not a URL, e.g. https://api.atlassian.com.`,
			);
		}
		try {
			assertSecureUrl(parsed, label);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), (error as Error).message);
		}
		if (api === 'admin' && !String(data.organizationId ?? '').trim()) {
			throw new NodeOperationError(ctx.getNode(), `${label}: the Organization ID is empty.`);
		}
		if (!cleanKey(data.apiKey)) throw new NodeOperationError(ctx.getNode(), `${label}: the API key is empty.`);
		const credentials: ICredentialsDecrypted = {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
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
				Accept: req.json ? 'application/json' : 'application/scim+json, application/json',
				...(req.body ? { 'Content-Type': req.json ? 'application/json' : 'application/scim+json; charset=utf-8' } : {}),
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
		let state: Attempts = NO_ATTEMPTS;
		const context = (): ErrorContext => ({
			api: this.api,
			itemIndex: req.itemIndex,
			subject: req.subject,
			attempts: state.attempts,
			keyExpiresOn: this.credentials.data?.keyExpiresOn as string | undefined,
			organizationId: this.organizationId,
			unique: req.unique,
			credentialName: this.credentials.name,
			// The directory's own collections: a 404 there is about the directory, not a user or group.
			collection: this.api === 'scim' && /^\/(Users|Groups)$/.test(req.path),
		});

		for (;;) {
			state = { ...state, attempts: state.attempts + 1 };
			const slot = await this.pacer.acquire();
			let outcome: Outcome;
			let cause: (Error & { code?: string }) | undefined;
			let headers: IDataObject = {};
			try {
				const raw = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					this.credentials.type,
					{ ...options, headers: { ...options.headers } },
					{ credentialsDecrypted: this.credentials },
				)) as { statusCode: number; body: unknown; headers: IDataObject };
				headers = raw.headers;
				const parsed = parseBody(raw.body, req.shape === 'array' || raw.statusCode >= 400);
				// A JSON array is the answer for `shape: 'array'`; on an error it is the lifecycle API's `[{code, message}]`.
				const arrayAnswer = parsed.array !== undefined && (req.shape === 'array' || raw.statusCode >= 400);
				outcome = {
					kind: 'answer',
					statusCode: raw.statusCode,
					headers,
					body: arrayAnswer && raw.statusCode >= 400 ? { errors: parsed.array } : parsed.body,
					rawText: arrayAnswer ? undefined : parsed.rawText,
					array: parsed.array,
				};
			} catch (error) {
				cause = ((error as NodeApiError).cause ?? error) as Error & { code?: string };
				if (!cause.code || cause.code === 'ERR_CANCELED') {
					this.pacer.release(slot, isNetworkTimeout(cause.code ?? '', cause.message) ? 'pushback' : 'ok');
					// Not a network failure (e.g. the credential refused to send its key over plain http), or a cancel.
					const message = cause.code ? 'The execution was canceled' : cause.message;
					throw new NodeOperationError(node, message, { itemIndex: req.itemIndex });
				}
				outcome = { kind: 'network', code: cause.code, message: cause.message };
			}

			const decision = decide(req, outcome, state, this.settings, { now: Date.now() });
			state = decision.next;
			this.pacer.release(slot, decision.pacer);
			if (decision.pauseUntil) this.pacer.pauseUntil(decision.pauseUntil);
			const { action } = decision;
			if (action.do === 'retry') {
				await sleep(action.waitMs);
				continue;
			}
			if (action.do === 'rate-limited') continue;
			if (outcome.kind === 'network') throw networkError(node, cause!, context(), this.settings.timeoutMs);
			const { statusCode, body, rawText } = outcome;
			if (action.do === 'return') return { statusCode, body, headers, resent: state.resent, ...(outcome.array && req.shape === 'array' && statusCode < 300 ? { items: outcome.array } : {}) };
			if (action.do === 'refuse-redirect') {
				const location = headers.location === undefined ? undefined : String(headers.location);
				throw redirectError(node, { statusCode, location, url: options.url, key: cleanKey(this.credentials.data?.apiKey) }, context());
			}
			if (action.why === 'rate-limit') throw apiError(node, { statusCode, body }, context());
			const failed: FailedResponse = { statusCode, body, rawText, contentType: String(headers['content-type'] ?? '') };
			// A User Management `forbidden.*` key is about the account, not the key: no probe needed.
			if (action.why === 'status' && this.api === 'admin' && statusCode === 403 && typeof body.key !== 'string') {
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
