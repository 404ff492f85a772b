// The local Atlassian stand-in for tests, benchmarks and the demo (dev-only: never part of the published package).
export { startSandbox, type Sandbox, type SandboxOptions, type LoggedRequest, type Stats } from './server';
export type { FaultSpec, RateLimit } from './traffic';
export { SandboxStore } from './store';
