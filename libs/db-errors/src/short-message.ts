interface ErrorLike {
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/**
 * One line of an error for a log or a response: the last non-empty line of its
 * message (Prisma's messages start with a multi-line call site; the cause is
 * on the last line). An error without a message (Node's AggregateError for a
 * refused dual-stack connect) is described by its first inner error or cause.
 * Driver messages name host and port at most, never a password.
 */
export function shortMessage(error: unknown): string {
  return describe(error, 0) ?? 'unknown error';
}

function describe(error: unknown, depth: number): string | null {
  if (error === null || error === undefined || depth > 5) {
    return null;
  }
  const candidate = error as ErrorLike;
  const message = typeof error === 'object' ? candidate.message : error;
  const lines = (typeof message === 'string' ? message : typeof error === 'object' ? '' : String(error))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length > 0) {
    return lines[lines.length - 1];
  }
  if (typeof error !== 'object') {
    return null;
  }
  const inner = Array.isArray(candidate.errors) ? candidate.errors[0] : candidate.cause;
  return describe(inner, depth + 1);
}
