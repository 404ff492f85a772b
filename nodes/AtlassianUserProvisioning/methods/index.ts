export * as credentialTest from './credentialTest';
export * as listSearch from './listSearch';
export * as resourceMapping from './resourceMapping';
