import { lifecycleOperation } from './lifecycle';

export const { description, prepare, execute } = lifecycleOperation(
	'cancelDeletion',
	'cancelDeletion',
	'Cancels the deletion of accounts still in their 14-day grace period.',
);
