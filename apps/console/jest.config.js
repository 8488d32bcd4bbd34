// Component tests run in jsdom; the e2e journeys (e2e/) need the platform and run with `npm run test:e2e`.
module.exports = {
  preset: '@jc/jest-preset',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json', 'graphql'],
  // Operations are imported as text (`?raw` in Vite); jest reads the same files as strings.
  moduleNameMapper: { '^(.+\\.graphql)\\?raw$': '$1' },
  transform: {
    '^.+\\.tsx?$': '<rootDir>/test/support/tsx-transform.js',
    '\\.graphql$': '<rootDir>/test/support/raw-text-transform.js',
  },
  setupFiles: ['<rootDir>/test/support/setup.ts'],
};
