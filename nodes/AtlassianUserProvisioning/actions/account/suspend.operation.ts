import { directoryAccessOperation } from './access';

export const { description, prepare, execute } = directoryAccessOperation(
	'suspend',
	'suspend',
	'Suspends the accounts\' access to your apps in the directory: you are not billed for them while suspended. Restore Access gives back their roles and group memberships. Works for unmanaged accounts too.',
	'With "All directories", the node finds the account\'s directories first and acts in each; the output lists them',
);
