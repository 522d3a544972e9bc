import fs from 'node:fs';

type Patchable = Record<string, unknown>;

/** Replaces `target[key]` and returns how to put the original back. */
function replace(target: object, key: string, replacement: unknown): () => void {
  const original = (target as Patchable)[key];
  (target as Patchable)[key] = replacement;
  return () => {
    (target as Patchable)[key] = original;
  };
}

/**
 * Captures what the process writes to stdout and stderr while the API runs:
 * pino writes its JSON lines straight to file descriptors 1/2 through
 * sonic-boom (fs.write / fs.writeSync); Nest and node use process.stdout.
 * Nothing reaches the terminal until `restore()`. Needs no test runner, so
 * importing @vantix/testing from a script (the benchmark) loads no jest.
 */
export function captureOutput(): {
  text(): string;
  lines(): string[];
  restore(): void;
} {
  const chunks: string[] = [];
  const keep = (fd: unknown, data: unknown) => {
    if ((fd === 1 || fd === 2) && (typeof data === 'string' || Buffer.isBuffer(data))) {
      chunks.push(data.toString());
    }
  };
  const length = (data: unknown) => (typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).length);
  const capture = (data: string | Uint8Array) => {
    chunks.push(data.toString());
    return true;
  };
  const restores = [
    replace(fs, 'writeSync', (fd: number, data: unknown) => {
      keep(fd, data);
      return length(data);
    }),
    replace(fs, 'write', (fd: number, data: unknown, ...rest: unknown[]) => {
      keep(fd, data);
      const done = rest.find((arg) => typeof arg === 'function') as ((e: null, n: number) => void) | undefined;
      process.nextTick(() => done?.(null, length(data)));
    }),
    replace(process.stdout, 'write', capture),
    replace(process.stderr, 'write', capture),
  ];
  return {
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean),
    restore: () => restores.reverse().forEach((restore) => restore()),
  };
}
