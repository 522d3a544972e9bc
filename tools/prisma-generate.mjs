#!/usr/bin/env node
// Generates the two Prisma clients (CRM tables, Vantix Sync's audit store).
// Prisma's schema engine is a downloaded binary that this project never needs:
// `prisma generate` only has to find *a* file there, so point it at a stand-in.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const prismaCli = join(root, 'node_modules', 'prisma', 'build', 'index.js');
const standIn = existsSync('/bin/false') ? '/bin/false' : process.execPath;

for (const schema of ['prisma/crm/schema.prisma', 'prisma/audit/schema.prisma']) {
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: standIn,
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
}
