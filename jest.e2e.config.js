/** End-to-end tests: a real n8n (installed by scripts/e2e/setup-n8n.sh), the sandbox and an SMTP server. */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test-e2e'],
	testTimeout: 300000,
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
};
