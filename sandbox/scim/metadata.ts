import { listResponse } from './paging';
import { CORE_GROUP, CORE_USER, ENTERPRISE } from '../store';

/**
 * Static discovery documents. Atlassian publishes no sample, so these are plausible RFC 7643 documents that state
 * what the notes establish: PATCH yes; bulk, sort, ETag, password change no; filter yes with the page cap as
 * maxResults (docs/atlassian-api.md §2, §5).
 */
export function serviceProviderConfig(pageCap: number, location: string) {
	return {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
		documentationUri: 'https://developer.atlassian.com/cloud/admin/user-provisioning/rest/intro/',
		patch: { supported: true },
		bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
		filter: { supported: true, maxResults: pageCap },
		changePassword: { supported: false },
		sort: { supported: false },
		etag: { supported: false },
		authenticationSchemes: [
			{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Authentication scheme using the OAuth Bearer Token Standard', primary: true },
		],
		meta: { resourceType: 'ServiceProviderConfig', location: `${location}/ServiceProviderConfig` },
	};
}

const attribute = (name: string, type = 'string', extra: Record<string, unknown> = {}) => ({
	name,
	type,
	multiValued: false,
	required: false,
	caseExact: false,
	mutability: 'readWrite',
	returned: 'default',
	uniqueness: 'none',
	...extra,
});

const multiValued = (name: string) =>
	attribute(name, 'complex', {
		multiValued: true,
		subAttributes: [attribute('value'), attribute('type'), attribute('primary', 'boolean')],
	});

export const SCHEMAS: Record<string, Record<string, unknown>> = {
	[CORE_USER]: {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
		id: CORE_USER,
		name: 'User',
		description: 'User Account',
		attributes: [
			attribute('userName', 'string', { required: true, uniqueness: 'server' }),
			attribute('name', 'complex', {
				subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => attribute(n)),
			}),
			...['displayName', 'nickName', 'title', 'preferredLanguage', 'timezone', 'department', 'organization'].map((n) => attribute(n)),
			attribute('externalId', 'string', { caseExact: true }),
			attribute('active', 'boolean'),
			{ ...multiValued('emails'), required: true },
			multiValued('phoneNumbers'),
			attribute('groups', 'complex', { multiValued: true, mutability: 'readOnly', subAttributes: [attribute('value'), attribute('display'), attribute('$ref', 'reference')] }),
		],
	},
	[CORE_GROUP]: {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
		id: CORE_GROUP,
		name: 'Group',
		description: 'Group',
		attributes: [
			attribute('displayName', 'string', { required: true, mutability: 'immutable', uniqueness: 'server' }),
			attribute('externalId', 'string', { caseExact: true }),
			attribute('members', 'complex', { multiValued: true, subAttributes: [attribute('value'), attribute('display'), attribute('$ref', 'reference')] }),
		],
	},
	[ENTERPRISE]: {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
		id: ENTERPRISE,
		name: 'EnterpriseUser',
		description: 'Enterprise User',
		attributes: [attribute('department'), attribute('organization'), attribute('manager', 'complex', { subAttributes: [attribute('value')] })],
	},
};

export const RESOURCE_TYPES: Record<string, Record<string, unknown>> = {
	User: {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
		id: 'User',
		name: 'User',
		endpoint: '/Users',
		schema: CORE_USER,
		schemaExtensions: [{ schema: ENTERPRISE, required: false }],
	},
	Group: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'Group', name: 'Group', endpoint: '/Groups', schema: CORE_GROUP },
};

export const schemaList = () => listResponse(Object.keys(SCHEMAS).length, 1, Object.values(SCHEMAS));
export const resourceTypeList = () => listResponse(Object.keys(RESOURCE_TYPES).length, 1, Object.values(RESOURCE_TYPES));
