import { lifecycleOperation } from './lifecycle';

export const { description, prepare, execute } = lifecycleOperation(
	'deleteAccount',
	'delete',
	'Deletes the Atlassian accounts (managed accounts only). Atlassian keeps them deactivated for a 14-day grace period, during which Cancel Deletion brings them back; after that the deletion is permanent. Content they created stays. Remove the users from your identity provider first, or their accounts may be activated again.',
);
