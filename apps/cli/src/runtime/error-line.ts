import { redactConnectionString } from '@vantix/config';

const URL_IN_TEXT = /postgres(?:ql)?:\/\/[^\s"'<>]+/gi;

/**
 * One line a person (or a CI log) can act on: the error's message, its first
 * line only, with any connection string in it shown without its password.
 * Errors from pg and Prisma can span many lines and quote their input.
 */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const first = (message.split('\n').find((line) => line.trim() !== '') ?? '').trim();
  const text = first || (typeof code === 'string' ? code : 'unknown error');
  return text.replace(URL_IN_TEXT, (url) => redactConnectionString(url));
}
