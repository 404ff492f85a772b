import { membersChange } from './membersChange';

/** PATCH add members (idempotent: existing members stay once). */
export const { description, prepare, execute } = membersChange('addMembers');
