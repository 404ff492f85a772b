import { lifecycleOperation } from './lifecycle';

export const { description, prepare, execute } = lifecycleOperation(
	'reactivateAccount',
	'reactivate',
	'Lets deactivated accounts log in again. Accounts scheduled for deletion need Cancel Deletion first; accounts blocked for US export controls cannot be reactivated this way. Managed accounts only.',
);
