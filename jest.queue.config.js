/**
 * Queue-mode tests (`npm run test:queue`): n8n 2.41.1 as a main instance and two workers (`EXECUTIONS_MODE=queue`)
 * with Redis and PostgreSQL of their own (scripts/e2e/queue.ts), the package installed from its tarball, the
 * Atlassian sandbox and an SMTP server, all on 127.0.0.1.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test-queue'],
	maxWorkers: 1,
	testTimeout: 300000,
	slowTestThreshold: 120,
	verbose: true,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
};
