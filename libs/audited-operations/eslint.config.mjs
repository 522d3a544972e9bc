import baseConfig from '../../eslint.config.mjs';

// The workspace's module boundaries, plus one exception for this lib's specs:
// they run against real PostgreSQL through @vantix/testing (type:testing),
// which the constraints of a type:feature lib do not list yet. Remove this
// once the workspace constraints allow type:testing from spec files.
const [level, options] = baseConfig.find((entry) => entry.rules?.['@nx/enforce-module-boundaries']).rules[
  '@nx/enforce-module-boundaries'
];

export default [
  ...baseConfig,
  {
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [level, { ...options, allow: [...options.allow, '^@vantix/testing$'] }],
    },
  },
];
