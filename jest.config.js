/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  setupFiles: [],
  testTimeout: 60000,
  // Integration tests each create their own database; two workers is all a 2-core machine takes.
  maxWorkers: 2,
};
