import { activeSwitch } from './setActive';

/** PATCH active=true: undoes Deactivate (Atlassian re-adds the groups; revoked site access may stay off). */
export const { description, prepare, execute } = activeSwitch('reactivate');
