import { scimError } from './errors';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup, type GroupOptions } from './groups';
import { RESOURCE_TYPES, resourceTypeList, SCHEMAS, schemaList, serviceProviderConfig } from './metadata';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser, type ScimContext } from './users';
import type { Answer } from '../answer';

const ok = (body: unknown): Answer => ({ status: 200, body });
const created = (body: unknown): Answer => ({ status: 201, body });
const noContent: Answer = { status: 204 };

/**
 * Routes `/scim/directory/{dirId}/<rest>` after authorization. `body()` parses the JSON body on demand, so a bad
 * body is only reported (400 invalidSyntax) once the caller is known to be allowed in.
 */
export function handleScim(ctx: ScimContext, groups: GroupOptions, method: string, rest: string[], query: URLSearchParams, body: () => unknown): Answer {
	const [resource, id, ...extra] = rest;
	if (extra.length === 0) {
		if (resource === 'Users') {
			if (id === undefined) {
				if (method === 'GET') return ok(listUsers(ctx, query));
				if (method === 'POST') return created(createUser(ctx, body(), query));
			} else {
				if (method === 'GET') return ok(getUser(ctx, id, query));
				if (method === 'PUT') return ok(replaceUser(ctx, id, body(), query));
				if (method === 'PATCH') return ok(patchUser(ctx, id, body(), query));
				if (method === 'DELETE') return (deleteUser(ctx, id), noContent);
			}
		}
		if (resource === 'Groups') {
			if (id === undefined) {
				if (method === 'GET') return ok(listGroups(ctx, query));
				if (method === 'POST') return created(createGroup(ctx, groups, body()));
			} else {
				if (method === 'GET') return ok(getGroup(ctx, id));
				if (method === 'PUT') return ok(replaceGroup(ctx, id, body()));
				if (method === 'PATCH') return ok(patchGroup(ctx, groups, id, body()));
				if (method === 'DELETE') return (deleteGroup(ctx, id), noContent);
			}
		}
		if (method === 'GET' && resource === 'ServiceProviderConfig' && id === undefined) return ok(serviceProviderConfig(ctx.pageCap, ctx.location));
		if (method === 'GET' && resource === 'Schemas') {
			if (id === undefined) return ok(schemaList());
			if (SCHEMAS[id]) return ok(SCHEMAS[id]);
			throw scimError(404, `Schema ${id} not found`);
		}
		if (method === 'GET' && resource === 'ResourceTypes') {
			if (id === undefined) return ok(resourceTypeList());
			if (RESOURCE_TYPES[id]) return ok(RESOURCE_TYPES[id]);
			throw scimError(404, `ResourceType ${id} not found`);
		}
	}
	throw scimError(404, `No such endpoint: ${method} /${rest.join('/')}`);
}
