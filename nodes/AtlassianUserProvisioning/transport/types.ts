import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** The two Atlassian APIs, each with its own credential. */
export type ApiName = 'scim' | 'admin';

export const CREDENTIAL_TYPE: Record<ApiName, string> = {
	scim: 'atlassianScimApi',
	admin: 'atlassianOrganizationApi',
};

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the API base, with every dynamic segment already encoded (use `pathOf`). */
	path: string;
	query?: Record<string, string | number | undefined>;
	body?: IDataObject;
	/** Which item this request serves, for error messages. */
	itemIndex: number;
	/** Names what the request is about, for error messages, e.g. `user "ada@example.com"`. */
	subject?: string;
	/** Statuses returned to the caller instead of thrown (e.g. 404 for "not found" outcomes). */
	expect?: number[];
	/**
	 * False for requests that must not be re-sent blindly after an answer was lost (create).
	 * The client still retries them, and tells the caller through `ApiResponse.resent`.
	 */
	idempotent?: boolean;
	/**
	 * What a 2xx must carry: a SCIM resource (with an `id`) or a list (with `Resources`). Anything else (a proxy's
	 * page, a truncated or foreign body) is treated like a garbled answer and retried.
	 */
	shape?: 'resource' | 'list' | 'array';
	/** Send and accept plain `application/json` (the Organizations and User Management APIs), not SCIM's media type. */
	json?: boolean;
	/** Values sent that Atlassian keeps unique (user name, emails): a 409 that does not say which is taken names them. */
	unique?: string[];
}

export interface ApiResponse {
	statusCode: number;
	body: IDataObject;
	headers: IDataObject;
	/** True when an earlier attempt may have reached Atlassian but its answer was lost (timeout, dropped connection, 5xx). */
	resent: boolean;
	/** The answer's JSON array, for `shape: 'array'` requests. */
	items?: IDataObject[];
}

export interface RequestSettings {
	timeoutMs: number;
	maxRetries: number;
	maxConcurrency: number;
}

export const DEFAULT_SETTINGS: RequestSettings = { timeoutMs: 30_000, maxRetries: 4, maxConcurrency: 100 };
