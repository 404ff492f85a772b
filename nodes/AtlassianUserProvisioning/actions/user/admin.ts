import type { AtlassianClient } from '../../transport/client';
import { segment } from '../../transport/paths';

/** Paths of the organization admin API's user-provisioning operations (org ID from the credential). */
export function adminPath(client: AtlassianClient, rest: string): string {
	return `/admin/user-provisioning/v1/org/${segment(client.organizationId, 'Organization ID')}${rest}`;
}
