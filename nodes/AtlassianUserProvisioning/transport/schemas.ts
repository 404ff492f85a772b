/** The SCIM schema URNs the node reads and writes (RFC 7643/7644; docs/atlassian-api.md §3). */
export const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
/** Department, organization and manager: written through this extension (docs/atlassian-api.md §3). */
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Holds `atlassianAccountId`, the account ID the admin API needs (docs/atlassian-api.md §3). */
export const ATLASSIAN_EXTERNAL_SCHEMA = 'urn:scim:schemas:extension:atlassian-external:1.0';
/** Every SCIM PATCH body (RFC 7644 §3.5.2). */
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
