import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { mapperFields } from '../models/userMapping';

/**
 * Create or Update's fields for n8n's resource mapper: the same list whatever the directory, so the editor asks
 * Atlassian nothing. User Name, External ID and Primary Email can be matched on.
 */
export async function getUserMappingFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return { fields: mapperFields() };
}
