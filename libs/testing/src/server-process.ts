import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@vantix/migrations';
import { freePort } from './free-port';

export interface StartServerOptions {
  /**
   * The server's whole environment, as a person would export it before
   * `npm start` (DATABASE_URL_DEV, …, APP_ENV). Nothing of the test runner's
   * environment leaks in but PATH and HOME. PORT is chosen free unless given.
   */
  env: Record<string, string>;
  /** How long the server may take to answer /api/health (default 60 s). */
  startTimeoutMs?: number;
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** The server's process id (its memory can be read from /proc). */
  pid: number;
  /** The Node flags it was started with: the start script's own (apps/api/start-flags.json). */
  nodeArgs: string[];
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM (the server closes its app and databases), SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** The built server, as `npm start` runs it after the build (tools/run.mjs). */
export function builtServerEntry(): string {
  return join(repoRoot(), 'dist', 'apps', 'api', 'main.js');
}

/** The Node flags `npm start` runs the server with (tools/run.mjs reads the same file). */
export function serverNodeFlags(): string[] {
  return JSON.parse(readFileSync(join(repoRoot(), 'apps', 'api', 'start-flags.json'), 'utf8')) as string[];
}

async function waitForHealth(child: ChildProcess, baseUrl: string, timeoutMs: number, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  let exit: string | null = null;
  // 'close', not 'exit': by then stdout and stderr are drained, so the error shows all the server said.
  child.once('close', (code, signal) => {
    exit = `exited with ${code ?? signal}`;
  });
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(`the server ${exit} before answering /api/health:\n${output()}`);
    }
    const healthy = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /api/health within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Starts the BUILT server (`node dist/apps/api/main.js`, built by `nx run
 * api:build` and `console:build`) in a child process with exactly the given
 * environment, the way `npm start` starts it — no harness in between, so
 * what it does at start (safety checks, migrating its own store) is what a
 * deployment gets. Resolves once GET /api/health answers.
 */
export async function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const entry = builtServerEntry();
  if (!existsSync(entry)) {
    throw new Error(`${entry} does not exist: build the server first (npx nx run api:build)`);
  }
  const port = options.env['PORT'] ?? String(await freePort());
  const chunks: string[] = [];
  const nodeArgs = serverNodeFlags();
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd: repoRoot(),
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const output = () => chunks.join('');
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return child.exitCode;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const [code] = await exited.finally(() => clearTimeout(timer));
    return code;
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(child, baseUrl, options.startTimeoutMs ?? 60_000, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid as number, nodeArgs, output, stop };
}
