#!/usr/bin/env node
// `npm start` and `npm test` must work as the very first command after
// `git clone`: install what is missing, then hand over to Nx.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

/**
 * Runs a command in the repository root with the output on this terminal; stops on failure with its exit code.
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} [extraEnv]
 */
function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
}

/**
 * Whether node_modules holds what package-lock.json describes. A stamp of the
 * lock's contents is written after each install; timestamps alone lie (a fresh
 * checkout or a git worktree gives the lock a new mtime without changing it).
 * @param {string} stamp
 * @param {string} lockHash
 */
function installedMatchesLock(stamp, lockHash) {
  if (existsSync(stamp)) {
    return readFileSync(stamp, 'utf8').trim() === lockHash;
  }
  // An install made before stamps existed: trust it when it is newer than the lock.
  const installed = join(root, 'node_modules', '.package-lock.json');
  return (
    existsSync(installed) && statSync(join(root, 'package-lock.json')).mtimeMs <= statSync(installed).mtimeMs + 1000
  );
}

function ensureDependencies() {
  const stamp = join(root, 'node_modules', '.vantix-lock.sha256');
  const lockHash = createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
  if (!installedMatchesLock(stamp, lockHash)) {
    if (existsSync(join(root, 'node_modules')) && lstatSync(join(root, 'node_modules')).isSymbolicLink()) {
      // npm ci would empty the folder the link points at, under another checkout's feet.
      console.error('[vantix] node_modules is a link to another checkout whose install does not match this lock');
      process.exit(1);
    }
    console.log('[vantix] installing dependencies (npm ci) …');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  writeFileSync(stamp, `${lockHash}\n`);
  if (
    !existsSync(join(root, 'libs/sync-core/src/generated/client.ts')) ||
    !existsSync(join(root, 'libs/audit/src/generated/client.ts'))
  ) {
    run(process.execPath, [join(root, 'tools/prisma-generate.mjs')]);
  }
}

/** @param {string[]} args */
const nx = (args) => run(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), ...args]);

const command = process.argv[2];
ensureDependencies();
switch (command) {
  case 'install':
    break;
  case 'build':
    nx(['run-many', '-t', 'build', '-p', 'api', 'console', '--parallel=2']);
    break;
  case 'start':
    nx(['run-many', '-t', 'build', '-p', 'api', 'console', '--parallel=2']);
    // The server's Node flags live in one file, which the test harness that starts
    // the built server reads too (libs/testing serverNodeFlags).
    run(process.execPath, [
      ...JSON.parse(readFileSync(join(root, 'apps/api/start-flags.json'), 'utf8')),
      join(root, 'dist/apps/api/main.js'),
      ...process.argv.slice(3),
    ]);
    break;
  case 'test':
    // Formatting, lint and type-check of every project, then the unit and integration
    // tests (against the PostgreSQL server on 127.0.0.1:5432), then the end-to-end ones.
    run(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level=warn', '.']);
    nx(['run-many', '-t', 'lint', 'typecheck', '--parallel=2']);
    nx(['run-many', '-t', 'test', '--parallel=2', '--exclude=e2e']);
    if (existsSync(join(root, 'apps/e2e/project.json'))) {
      nx(['run', 'e2e:e2e']);
    }
    break;
  default:
    console.error(`usage: node tools/run.mjs install|build|start|test (got ${command ?? 'nothing'})`);
    process.exit(2);
}
