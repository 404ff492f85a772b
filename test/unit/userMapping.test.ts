/** Create or Update's mapping: the names Map Automatically takes, and the fields the editor's mapper shows. */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { autoMapped } from '../../nodes/AtlassianUserProvisioning/models/userMapping';
import { AtlassianUserProvisioning } from '../../nodes/AtlassianUserProvisioning/AtlassianUserProvisioning.node';

test('Map Automatically: attribute names and aliases, without regard to case, spaces, "_" or "-"; other fields ignored', () => {
	expect(
		autoMapped({ 'User Name': 'ada@example.com', email: 'ada@example.com', first_name: 'Ada', LastName: 'Lovelace', 'job-title': 'Analyst', company: 'Example', notes: 'ignored', id: 'not the SCIM ID' }),
	).toEqual({ userName: 'ada@example.com', primaryEmail: 'ada@example.com', givenName: 'Ada', familyName: 'Lovelace', title: 'Analyst', organization: 'Example' });
});

test('an attribute name wins over an alias of it, whatever their order', () => {
	expect(autoMapped({ email: 'alias@example.com', primaryEmail: 'name@example.com' })).toEqual({ primaryEmail: 'name@example.com' });
	expect(autoMapped({ mail: 'first@example.com', email: 'second@example.com' })).toEqual({ primaryEmail: 'first@example.com' });
});

test('the resource mapper offers every attribute; user name, external ID and primary email can be matched on, user name by default', async () => {
	const method = new AtlassianUserProvisioning().methods.resourceMapping.getUserMappingFields;
	const { fields } = await method.call({} as ILoadOptionsFunctions);
	expect(fields.map((f) => f.id)).toEqual([
		'userName', 'primaryEmail', 'externalId', 'givenName', 'familyName', 'displayName', 'title', 'department', 'organization', 'phone', 'timezone', 'preferredLanguage', 'active', 'manager',
	]);
	expect(fields.filter((f) => f.canBeUsedToMatch).map((f) => f.id)).toEqual(['userName', 'primaryEmail', 'externalId']);
	expect(fields.filter((f) => f.defaultMatch).map((f) => f.id)).toEqual(['userName']);
	expect(fields.find((f) => f.id === 'active')?.type).toBe('boolean');
});
