// `node -r ./tools/register.cjs some.ts` runs a TypeScript entry point of the
// workspace (CLI, benchmark, demo reset) with the @vantix/* path aliases.
process.env.TS_NODE_PROJECT = require('node:path').join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
require('tsconfig-paths/register');
