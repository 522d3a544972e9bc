import baseConfig, { moduleBoundaries } from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The `vantix-sync` launcher (package.json "bin") runs the CLI's entry from
    // its sources: the one file outside apps/cli that names it, and nothing else of the app.
    files: ['vantix-sync.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries({ tests: false, allow: ['^\\.\\./apps/cli/src/main\\.ts$'] }),
    },
  },
];
