import { directoryAccessOperation } from './access';

export const { description, prepare, execute } = directoryAccessOperation(
	'restore',
	'restore',
	'Gives suspended accounts their access, roles and group memberships back. Atlassian bills for them again.',
	'With "All directories", the node finds the account\'s directories first and acts in each; the output lists them',
);
