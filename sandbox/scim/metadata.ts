import { CORE_GROUP, CORE_USER, ENTERPRISE } from '../store';

/** Static discovery documents, close to what Atlassian publishes (patch yes; bulk, sort, etag no). */
export function serviceProviderConfig(pageCap: number) {
	return {
		schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
		patch: { supported: true },
		bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
		filter: { supported: true, maxResults: pageCap },
		changePassword: { supported: false },
		sort: { supported: false },
		etag: { supported: false },
		authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'Authentication scheme using the OAuth Bearer Token Standard', primary: true }],
	};
}

const attribute = (name: string, type = 'string', extra: Record<string, unknown> = {}) => ({ name, type, multiValued: false, required: false, mutability: 'readWrite', returned: 'default', ...extra });

export const SCHEMAS: Record<string, unknown> = {
	[CORE_USER]: {
		id: CORE_USER,
		name: 'User',
		attributes: [
			attribute('userName', 'string', { required: true, uniqueness: 'server' }),
			attribute('name', 'complex'),
			...['displayName', 'nickName', 'title', 'preferredLanguage', 'timezone', 'externalId', 'department', 'organization'].map((n) => attribute(n)),
			attribute('active', 'boolean'),
			attribute('emails', 'complex', { multiValued: true, required: true }),
			attribute('phoneNumbers', 'complex', { multiValued: true }),
			attribute('groups', 'complex', { multiValued: true, mutability: 'readOnly' }),
		],
	},
	[CORE_GROUP]: { id: CORE_GROUP, name: 'Group', attributes: [attribute('displayName', 'string', { required: true, mutability: 'immutable' }), attribute('members', 'complex', { multiValued: true })] },
	[ENTERPRISE]: { id: ENTERPRISE, name: 'EnterpriseUser', attributes: [attribute('department'), attribute('organization'), attribute('manager', 'complex')] },
};

export const RESOURCE_TYPES: Record<string, unknown> = {
	User: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'User', name: 'User', endpoint: '/Users', schema: CORE_USER, schemaExtensions: [{ schema: ENTERPRISE, required: false }] },
	Group: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'], id: 'Group', name: 'Group', endpoint: '/Groups', schema: CORE_GROUP },
};
