import { addOrRemoveMembers } from './addOrRemoveMembers';

/** PATCH add members (idempotent: existing members stay once). */
export const { description, prepare, execute } = addOrRemoveMembers('addMembers');
