/** Atlassian's error shapes. SCIM errors carry `status` as a string; the gateway answers 401/403 with {error, traceId}. */
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

export function scimError(status: number, detail: string, scimType?: string): HttpError {
	return new HttpError(status, { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

let trace = 0;
export function traceId(): string {
	trace++;
	return `${Date.now().toString(16)}${trace.toString(16).padStart(8, '0')}`;
}

export function gatewayError(status: 401 | 403, error: string): HttpError {
	return new HttpError(status, { error, traceId: traceId() }, 'application/json');
}

/** Admin API errors: Atlassian documents none for these endpoints; the sandbox uses the org API's JSON:API-like shape. */
export function adminError(status: number, code: string, title: string, detail: string): HttpError {
	return new HttpError(status, { errors: [{ status: String(status), code, title, detail }] }, 'application/json');
}
