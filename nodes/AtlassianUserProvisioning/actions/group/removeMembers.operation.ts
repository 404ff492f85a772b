import { membersChange } from './membersChange';

/** PATCH remove members, in the form this Atlassian accepts. */
export const { description, prepare, execute } = membersChange('removeMembers');
