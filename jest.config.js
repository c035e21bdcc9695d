/** One run: unit specs next to the code, e2e suites under tests/, one real PostgreSQL for all. */
const aliases = Object.fromEntries(
  ['core', 'database', 'people', 'access', 'testing', 'analytics', 'surveys', 'delivery'].map((lib) => [`^@changepulse/${lib}$`, `<rootDir>/libs/${lib}/src`]),
);

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/tests/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: aliases,
  globalSetup: '<rootDir>/tests/global-setup.ts',
  globalTeardown: '<rootDir>/tests/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
