import { directoryAccessOperation } from './access';

export const { description, prepare, execute } = directoryAccessOperation(
	'removeFromDirectory',
	'remove',
	'Removes the accounts from the directory: they lose access to your apps and are no longer billed. To come back, a user must be INVITED AGAIN and given their roles and groups again. The Atlassian account itself stays (use Delete for that). Consider Suspend Access, which is reversible.',
	'With "All directories", the account is removed from every directory it is in; the output lists them',
);
