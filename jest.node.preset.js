// Shared jest settings for the Node projects (API, libs, tools). @swc/jest
// transpiles without type-checking — `npm test` type-checks separately with tsc —
// and keeps Nest's decorator metadata.
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js'],
  // Integration tests talk to a real PostgreSQL server: allow for slow CI.
  testTimeout: 60_000,
};
