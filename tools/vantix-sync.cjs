#!/usr/bin/env node
// The `vantix-sync` command (package.json "bin", `npm run cli`): runs the CLI's
// TypeScript entry straight from the sources with the workspace's path aliases.
require('./register.cjs');
require('../apps/cli/src/main.ts');
