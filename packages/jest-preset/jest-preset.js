// Shared jest settings: TypeScript is transformed by esbuild (no type checking here;
// `npm run typecheck` does that), so tests start fast on a two-core machine.
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': require.resolve('./esbuild-transform.js') },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/src/**/*.test.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
