import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface PgliteProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts `pglite-server.mjs` in a child process and returns its connection URL. */
export async function startPgliteProcess(): Promise<PgliteProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'pglite-server.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        resolve(out.trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`pglite server exited early (code ${code})`)));
  });
  return {
    url: `postgres://postgres@${address}/postgres?sslmode=disable`,
    stop: async () => {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}
