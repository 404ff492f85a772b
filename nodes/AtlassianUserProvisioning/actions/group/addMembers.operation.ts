import { membersChange } from './addOrRemoveMembers';

/** PATCH add members (idempotent: existing members stay once). */
export const { description, execute } = membersChange('addMembers');
