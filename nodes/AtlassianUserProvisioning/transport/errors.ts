import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import type { ApiName } from './types';

export interface FailedResponse {
	statusCode: number;
	body: IDataObject;
	/** Set when the body was not JSON (HTML error page, empty body, truncated JSON). */
	rawText?: string;
	contentType?: string;
}

export interface ErrorContext {
	api: ApiName;
	itemIndex: number;
	subject?: string;
	attempts: number;
	/** From the SCIM credential's optional "Key Expires On". */
	keyExpiresOn?: string;
	/** For admin 403s: what a probe of GET /admin/v1/orgs said about the key. */
	orgProbe?: 'key-sees-other-orgs' | 'key-refused' | 'unknown';
	organizationId?: string;
	/** Values the request sent that Atlassian keeps unique (user name, emails), named on a 409 whose detail does not. */
	unique?: string[];
	/** The name the admin gave the credential in n8n ("Prod directory"), so errors say which one failed. */
	credentialName?: string;
	/** The request was for a directory's collection (/Users, /Groups), not one user or group. */
	collection?: boolean;
}

/** Why a directory's own collection answers 404; the credential test says it the same way. */
export const DIRECTORY_GONE =
	'it was deleted, its subscription lapsed, or the Directory base URL is wrong (it looks like https://api.atlassian.com/scim/directory/<directoryId>)';

/** Atlassian's error bodies come in three shapes (SCIM, gateway, Java-ish); take the first text found. */
export function detailOf(body: IDataObject): string | undefined {
	const errors = Array.isArray(body.errors) ? (body.errors as IDataObject[]) : [];
	const candidates = [
		body.detail,
		body.message,
		body.error_description,
		body.error,
		errors[0]?.detail,
		errors[0]?.message,
		errors[0]?.title,
	];
	const found = candidates.find((c) => typeof c === 'string' && c.trim() !== '');
	return found === undefined ? undefined : String(found);
}

const CREDENTIAL_NAME: Record<ApiName, string> = {
	scim: 'Atlassian SCIM API',
	admin: 'Atlassian Organization API',
};

/**
 * The credential as the admin knows it: its type and, when known, the name given in n8n, e.g.
 * `Atlassian SCIM API credential "Prod directory"`. Someone with several credentials of one type needs the name.
 */
export function credentialLabel(api: ApiName, name?: string): string {
	return name ? `${CREDENTIAL_NAME[api]} credential "${name}"` : `${CREDENTIAL_NAME[api]} credential`;
}

/** Atlassian's text inside a sentence of ours, without its own final stop, so that the sentence ends once. */
function clause(text: string): string {
	return text.trim().replace(/[.\s]+$/, '');
}

function retried(attempts: number): string {
	return attempts > 1 ? ` after ${attempts} attempts` : '';
}

function expiryHint(keyExpiresOn?: string): string {
	if (!keyExpiresOn) return ' Directory keys expire one year after they were created.';
	const at = Date.parse(keyExpiresOn);
	if (Number.isNaN(at)) return '';
	const day = new Date(at).toISOString().slice(0, 10);
	return at <= Date.now()
		? ` The credential notes that the key expired on ${day}: regenerate it.`
		: ` The credential notes that the key expires on ${day}.`;
}

/** When Atlassian's detail does not name the taken value, name the unique values this request sent. */
function conflictCandidates(detail: string | undefined, unique: string[] | undefined): string {
	if (!unique?.length) return '';
	const text = (detail ?? '').toLowerCase();
	if (unique.some((value) => text.includes(value.toLowerCase()))) return '';
	const named = unique.map((value) => `"${value}"`).join(', ');
	return unique.length === 1 ? ` (${named} is taken)` : ` (one of ${named} is taken)`;
}

function describe(response: FailedResponse, ctx: ErrorContext): { message: string; description: string } {
	const { statusCode } = response;
	const detail = detailOf(response.body);
	const subject = ctx.subject ?? 'the resource';
	const credential = credentialLabel(ctx.api, ctx.credentialName);

	if (response.rawText !== undefined) {
		const what = response.rawText.trim() === '' ? 'an empty body' : `a body that is not JSON (${response.contentType || 'no content type'})`;
		return {
			message: `Atlassian answered HTTP ${statusCode} with ${what}${retried(ctx.attempts)}`,
			description:
				'This usually comes from a proxy or an outage between n8n and Atlassian. Try again later; if it persists, check the base URL in the credential.',
		};
	}
	if (typeof response.body.key === 'string') return describeUserManagement(response, subject, credential);
	const code = Array.isArray(response.body.errors) ? (response.body.errors as IDataObject[])[0]?.code : undefined;
	if (statusCode === 403 && typeof code === 'string' && code.startsWith('ADMIN-')) {
		return {
			message: `Atlassian refused the request for ${subject} (403, ${code})${detail ? `: ${detail}` : ''}`,
			description: `The key needs the Organization admin role. If this persists, check the Organization ID in the ${credential}, or create an organization API key without scopes at admin.atlassian.com → Settings → API keys.`,
		};
	}
	if (statusCode === 403 && ctx.api === 'admin' && /scope/i.test(detail ?? '')) {
		return {
			message: `${credential}: the key was created with scopes, which this API refuses (403)`,
			description: `Atlassian's answer: ${clause(detail ?? '')}. Create an organization API key WITHOUT scopes at admin.atlassian.com → Settings → API keys and put it in the ${credential}.`,
		};
	}
	switch (statusCode) {
		case 400:
			return {
				message: `Atlassian rejected the request for ${subject}: ${detail ?? 'bad request'}`,
				description:
					response.body.scimType === 'invalidFilter'
						? 'Atlassian filters users only by User Name or External ID (exact match), and groups only by name.'
						: `Atlassian's answer: ${detail ?? JSON.stringify(response.body)}`,
			};
		case 401:
			return ctx.api === 'scim'
				? {
						message: `${credential}: the directory API key was refused (401)`,
						description: `Check the ${credential}. The key may be mistyped, expired or regenerated since it was copied.${expiryHint(ctx.keyExpiresOn)} An organization API key or an account API token does not work on SCIM.`,
					}
				: {
						message: `${credential}: the organization API key was refused (401)`,
						description: `Check the ${credential}. The key may be mistyped or expired (organization keys last at most one year); create one at admin.atlassian.com → Settings → API keys. A directory (SCIM) key does not work on the admin API, nor does an account API token (from id.atlassian.com → Security → API tokens).`,
					};
		case 403:
			if (ctx.api === 'scim') {
				return {
					message: `${credential}: this key may not access this directory (403)`,
					description: `The ${credential} holds a key that is not this directory's: probably the organization API key, or another directory's key. Use the key shown together with the Directory base URL.`,
				};
			}
			if (ctx.orgProbe === 'key-sees-other-orgs') {
				return {
					message: `${credential}: the key cannot access organization "${ctx.organizationId}" (403)`,
					description: `The organization API key works, but not for this Organization ID. Check the Organization ID in the ${credential}.`,
				};
			}
			return {
				message: `${credential}: the key is not allowed to call the organization admin API (403)`,
				description: `The ${credential} probably holds a directory (SCIM) key, or an organization key created with scopes. Create an organization API key without scopes at admin.atlassian.com → Settings → API keys, and check the Organization ID.`,
			};
		case 404:
			if (ctx.api === 'scim' && ctx.collection) {
				return {
					message: `${credential}: directory not found (404)`,
					description: `Atlassian answered 404 for the directory itself, not for a user or group: ${DIRECTORY_GONE}. Check the directory in Atlassian Administration (Security → Identity providers) and the Directory base URL in the ${credential}.`,
				};
			}
			return {
				message: `Not found: ${subject}`,
				description:
					ctx.api === 'scim'
						? 'The user or group may have been deleted: after a delete Atlassian answers 404 for that ID (a deactivated user is still found). Check the ID, or the Directory base URL if nothing is found at all.'
						: `Atlassian found nothing for ${subject}.${detail ? ` Its answer: ${detail}` : ''}`,
			};
		case 409:
			return {
				message: `Already exists: ${detail ?? subject}${conflictCandidates(detail, ctx.unique)}`,
				description:
					'Another record already holds this value (user name, email or group name; a group name can also clash with a site or organization group that SCIM cannot list). Look the existing record up, or use another value.' +
					(ctx.unique?.some((value) => value.includes('@'))
						? ' An email can be held by a SCIM record with another user name, even in another directory: User → Get SCIM Links (by email, with the Organization API credential) names that record, and Unlink or Delete frees the email.'
						: ''),
			};
		case 429:
			return {
				message: `Atlassian kept answering "too many requests" (429)${retried(ctx.attempts)}`,
				description:
					'The organization\'s rate limit is used up. Run the workflow later, or lower "Max Concurrent Requests" in Request Options if other tools share the limit.',
			};
		default:
			if (statusCode >= 500) {
				return {
					message: `Atlassian had a server error (${statusCode})${retried(ctx.attempts)}`,
					description: `Atlassian says such calls can be retried later.${detail ? ` Its answer: ${detail}` : ''}`,
				};
			}
			return {
				message: `Atlassian answered HTTP ${statusCode} for ${subject}${detail ? `: ${detail}` : ''}`,
				description: detail ?? JSON.stringify(response.body),
			};
	}
}

/** Why the User Management API may not change an account (the `reason.key` of a management permission). */
export const RESTRICTION_REASONS: Record<string, string> = {
	'externalDirectory.scim': 'the account is synced from your identity provider (SCIM): change it there',
	'externalDirectory.google': 'the account is synced from Google Workspace: change it there (deleting needs Atlassian Support)',
	'authPolicy.saml': 'the field is set at each login by SAML single sign-on: change it in your identity provider',
	administrative: 'Atlassian does not let an admin change this for the account',
	'administrative.notMyself': 'an admin cannot do this to their own account',
	myselfOnly: 'only the account holder can change this',
	managedAccount: 'the account is not managed by your organization',
	'blocked.exportControl': 'the account is blocked for US export controls and cannot be changed this way',
};

export function reasonText(key: unknown): string | undefined {
	if (typeof key !== 'string') return undefined;
	return RESTRICTION_REASONS[key] ?? `Atlassian's reason: ${key}`;
}

/** The User Management API's `{key, context}` errors (forbidden.targetUnverified, field violations, …). */
function describeUserManagement(response: FailedResponse, subject: string, credential: string): { message: string; description: string } {
	const { statusCode, body } = response;
	const key = String(body.key);
	const context = (body.context && typeof body.context === 'object' ? body.context : {}) as IDataObject;
	switch (key) {
		case 'forbidden.targetUnverified':
			return {
				message: `${subject} is not a managed account of your organization (403, forbidden.targetUnverified)`,
				description:
					'Deactivate, delete, profile and API-token changes work only on managed accounts: accounts whose email domain your organization has verified and claimed. Suspend Access and Remove from Directory work for other accounts too.',
			};
		case 'forbidden.unclaimedDomain':
			return {
				message: `${subject}: the email domain${context.domain ? ` "${String(context.domain)}"` : ''} is not claimed by your organization (403, forbidden.unclaimedDomain)`,
				description: 'Verify and claim the domain at admin.atlassian.com → Settings → Domains; until then its accounts are not managed and cannot be changed here.',
			};
		case 'forbidden.action': {
			const reason = reasonText((context.reason as IDataObject | undefined)?.key);
			return {
				message: `Atlassian does not let an admin do this to ${subject}${reason ? `: ${reason}` : ''} (403)`,
				description: reason ? `Reason: ${reason}.` : 'The account\'s management permissions do not allow it.',
			};
		}
		case 'forbidden':
			return {
				message: `Atlassian refused the request for ${subject} (403, forbidden)`,
				description: `The account may be synced from an identity provider or not managed by your organization, or the key in the ${credential} may have been created with scopes (create one without scopes).`,
			};
		default: {
			const violations = Array.isArray(context.fieldViolations) ? (context.fieldViolations as IDataObject[]) : [];
			if (violations.length) {
				const list = violations
					.map((v) => `${String(v.field)}: ${((v.violations as IDataObject[] | undefined) ?? []).map((x) => String(x.key)).join(', ') || 'invalid'}`)
					.join('; ');
				return { message: `Atlassian rejected fields for ${subject}: ${list}`, description: `Atlassian's answer: ${JSON.stringify(body)}` };
			}
			return {
				message: `Atlassian answered HTTP ${statusCode} for ${subject}: ${key}`,
				description: `Atlassian's answer: ${JSON.stringify(body).slice(0, 500)}`,
			};
		}
	}
}

/** Turns a failed Atlassian answer into a NodeApiError with a plain message and a hint. Never includes headers or keys. */
export function apiError(node: INode, response: FailedResponse, ctx: ErrorContext): NodeApiError {
	const { message, description } = describe(response, ctx);
	const errorResponse: JsonObject = {
		statusCode: response.statusCode,
		body: (response.rawText !== undefined ? response.rawText.slice(0, 500) : response.body) as JsonObject,
	};
	const error = keepMessage(
		new NodeApiError(node, errorResponse, {
			message,
			description,
			httpCode: String(response.statusCode),
			itemIndex: ctx.itemIndex,
		}),
		message,
	);
	// The User Management API's key (e.g. forbidden.targetUnverified) is about one account, not the credential.
	if (typeof response.body.key === 'string') error.context.atlassianKey = response.body.key;
	return error;
}

/** Where a refused redirect pointed: origin and path only (a query may carry tokens), and never the key itself. */
function redirectTarget(location: string | undefined, from: string, key: string): string {
	if (!location) return 'no address (no Location header)';
	let shown: string;
	try {
		const target = new URL(location, from);
		shown = `${target.origin}${target.pathname}`;
	} catch {
		shown = `"${location}"`;
	}
	if (key) shown = shown.split(key).join('***');
	return shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
}

/**
 * A 3xx answer. Redirects are never followed: following one could carry the key to another host, and Atlassian's
 * APIs do not redirect, so one means the base URL points at something else (a proxy, a mistyped host).
 */
export function redirectError(
	node: INode,
	response: { statusCode: number; location?: string; url: string; key: string },
	ctx: ErrorContext,
): NodeApiError {
	const home = new URL(response.url).host;
	const message = `${credentialLabel(ctx.api, ctx.credentialName)}: ${home} answered with a redirect (${response.statusCode}) to ${redirectTarget(response.location, response.url, response.key)}, which is refused so the key stays on ${home}`;
	return keepMessage(
		new NodeApiError(node, { statusCode: response.statusCode } as JsonObject, {
			message,
			description:
				'API keys are only sent to the host in the credential, and Atlassian\'s APIs do not redirect. Check the base URL in the credential: it must be the address Atlassian gives, not one that forwards elsewhere.',
			httpCode: String(response.statusCode),
			itemIndex: ctx.itemIndex,
		}),
		message,
	);
}

/**
 * NodeApiError swaps a message that carries (or mentions) a Node.js error code such as ECONNABORTED for a generic
 * sentence ("The connection was aborted, perhaps the server is offline"); ours says what happened and what to change.
 */
function keepMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}

/** A request that got no HTTP answer at all (timeout, refused or dropped connection), after the retries. */
export function networkError(node: INode, error: Error & { code?: string }, ctx: ErrorContext, timeoutMs: number): NodeApiError {
	const code = error.code ?? '';
	const timedOut = /ECONNABORTED|ETIMEDOUT|timeout/i.test(`${code} ${error.message}`);
	const message = timedOut
		? `No answer from Atlassian within ${Math.round(timeoutMs / 1000)} s${retried(ctx.attempts)}`
		: `Could not reach Atlassian (${code || error.message})${retried(ctx.attempts)}`;
	return keepMessage(
		new NodeApiError(node, { message: error.message, code } as JsonObject, {
			message,
			description: timedOut
				? 'Raise "Timeout" in Request Options if Atlassian is slow today, or try again later.'
				: 'Check the base URL in the credential and the network between n8n and Atlassian.',
			itemIndex: ctx.itemIndex,
		}),
		message,
	);
}
