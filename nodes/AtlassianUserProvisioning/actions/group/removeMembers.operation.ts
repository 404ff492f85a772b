import { addOrRemoveMembers } from './addOrRemoveMembers';

/** PATCH remove members, in the form this Atlassian accepts. */
export const { description, prepare, execute } = addOrRemoveMembers('removeMembers');
