/**
 * End-to-end tests (`npm run test:e2e`): a real n8n 2.41.1 on Node 24 (installed into .cache/e2e by
 * scripts/e2e/setup-n8n.sh, which test:e2e runs first), the package installed from its tarball, the Atlassian sandbox
 * and an SMTP server, all on 127.0.0.1. One file at a time: each starts n8n processes of its own.
 */
module.exports = {
	preset: 'ts-jest',
	// Node's environment, plus what n8n said appended to every failure (scripts/e2e/jestEnvironment.js).
	testEnvironment: '<rootDir>/scripts/e2e/jestEnvironment.js',
	roots: ['<rootDir>/test-e2e'],
	maxWorkers: 1,
	testTimeout: 300000,
	slowTestThreshold: 60,
	verbose: true,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
};
