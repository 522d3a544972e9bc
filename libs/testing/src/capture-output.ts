import fs from 'node:fs';
import { jest } from '@jest/globals';

/**
 * Captures what the process writes to stdout and stderr while the API runs:
 * pino writes its JSON lines straight to file descriptors 1/2 through
 * sonic-boom (fs.write / fs.writeSync); Nest and node use process.stdout.
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
  const spies = [
    jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown) => {
      keep(fd, data);
      return length(data);
    }) as typeof fs.writeSync),
    jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
      keep(fd, data);
      const done = rest.find((arg) => typeof arg === 'function') as ((e: null, n: number) => void) | undefined;
      process.nextTick(() => done?.(null, length(data)));
    }) as unknown as typeof fs.write),
    jest.spyOn(process.stdout, 'write').mockImplementation((data: string | Uint8Array) => {
      chunks.push(data.toString());
      return true;
    }),
    jest.spyOn(process.stderr, 'write').mockImplementation((data: string | Uint8Array) => {
      chunks.push(data.toString());
      return true;
    }),
  ];
  return {
    text: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter(Boolean),
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}
