import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@vantix/migrations';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (tools/vantix-sync.cjs, as `npx vantix-sync` does) in a
 * child process with exactly the given configuration: nothing of the test
 * runner's environment leaks in but PATH and HOME. Killed after `timeoutMs`.
 */
export function runCliProcess(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliRun> {
  const root = repoRoot();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'tools', 'vantix-sync.cjs'), ...args],
      {
        cwd: root,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '',
          ...env,
        },
        timeout: timeoutMs,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`vantix-sync ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
          return;
        }
        resolve({
          code: typeof error?.code === 'number' ? error.code : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}
