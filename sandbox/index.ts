// The local Atlassian stand-in for tests, benchmarks and the demo (dev-only: never part of the published package).
export { startSandbox } from './server';
export type { ConfigurePatch, FaultSpec, LoggedRequest, RateLimit, Sandbox, SandboxOptions, Stats } from './types';
export { SandboxStore, DirectoryStore, CORE_USER, CORE_GROUP, ENTERPRISE, EXTERNAL, type Account, type GroupRecord, type UserDoc, type ScimLink } from './store';
