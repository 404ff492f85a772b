import { activeSwitch } from './setActive';

/** PATCH active=false: the user can no longer sign in, keeps its groups and can be reactivated. */
export const { description, prepare, execute } = activeSwitch('deactivate');
