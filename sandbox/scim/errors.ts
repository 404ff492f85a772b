/**
 * Atlassian's three error shapes (docs/atlassian-api.md §6): SCIM errors with `status` as a string (400/404/409/5xx), the gateway's
 * `{error, traceId}` for 401/403, and a Java-ish `{message, scimErrorType, responseStatus}` that the spec names for
 * PUT /Groups/{id}. Handlers throw HttpError; the server turns it into the answer.
 */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly contentType = 'application/scim+json',
	) {
		super(`HTTP ${status}`);
	}
}

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

export type ScimType = 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
	return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export function scimError(status: number, detail: string, scimType?: ScimType): HttpError {
	return new HttpError(status, scimErrorBody(status, detail, scimType));
}

let traceCounter = 0;
/** Hex trace IDs like the gateway's; unique within a process. */
export function traceId(): string {
	traceCounter = (traceCounter + 1) >>> 0;
	return `${Date.now().toString(16).padStart(12, '0')}${traceCounter.toString(16).padStart(8, '0')}`;
}

export function gatewayError(status: 401 | 403 | 404, error: string): HttpError {
	return new HttpError(status, { error, traceId: traceId() }, 'application/json');
}

export function javaBadRequest(message: string, scimErrorType: ScimType): HttpError {
	return new HttpError(400, { message, scimErrorType, responseStatus: 'BAD_REQUEST' }, 'application/json');
}

/**
 * Admin user-provisioning API errors. Atlassian documents no error bodies for these endpoints; the sandbox uses the
 * JSON:API-like `{errors:[{status, code, title, detail}]}` of Atlassian's organization APIs (our choice).
 */
/**
 * An error body in the shape of the route's family: the admin APIs (`/admin/…`, `/users/{id}/manage…`) answer
 * `{"errors":[{status, code, title, detail}]}` with their documented codes (ADMIN-429-1 rate limit exceeded,
 * ADMIN-500-1 internal error); the SCIM API answers its own error schema.
 */
export function routeErrorBody(segments: string[], status: number, detail: string) {
	const admin = segments[0] === 'admin' || (segments[0] === 'users' && segments[2] === 'manage');
	if (!admin) return scimErrorBody(status, detail);
	const titles: Record<number, string> = { 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
	const code = status === 429 ? 'ADMIN-429-1' : status === 500 ? 'ADMIN-500-1' : `ADMIN-${status}`;
	return { errors: [{ status: String(status), code, title: titles[status] ?? 'Error', detail }] };
}

export function adminError(status: number, code: string, title: string, detail: string): HttpError {
	return new HttpError(status, { errors: [{ status: String(status), code, title, detail }] }, 'application/json');
}
