/**
 * The audit store could not be reached, or could not record an event. The API
 * answers 503 and — audit first — refuses a sync whose `sync.requested` event
 * this was. The message never contains the connection string.
 */
export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`audit store unavailable: ${detail}`, options);
  }
}

// Prisma's codes for "could not talk to the database" (P1xxx) and for a pool
// timeout (P2024); SQLSTATE classes 08 (connection), 28 (authentication),
// 3D000 (no such database), 57P0x (server shutting down / starting).
const PRISMA_CONNECTION_CODES = new Set([
  'P1000',
  'P1001',
  'P1002',
  'P1003',
  'P1008',
  'P1010',
  'P1011',
  'P1017',
  'P2024',
]);
const SQLSTATE_CONNECTION = /^(08|28|3D000|57P0[1-4])/;
const NODE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);
const CONNECTION_MESSAGE =
  /connection terminated|timeout exceeded when trying to connect|connection (?:is )?closed|can't reach database|database server/i;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether an error means the database could not be reached (rather than a query being wrong). */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = codeOf(error);
  if (
    code !== undefined &&
    (PRISMA_CONNECTION_CODES.has(code) ||
      NODE_NETWORK_CODES.has(code) ||
      SQLSTATE_CONNECTION.test(code))
  ) {
    return true;
  }
  // Prisma puts the driver's classification on meta.driverAdapterError.cause.kind.
  const kind = (
    error as { meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } }
  ).meta?.driverAdapterError?.cause?.kind;
  if (
    kind === 'DatabaseNotReachable' ||
    kind === 'ConnectionClosed' ||
    kind === 'SocketTimeout' ||
    kind === 'DatabaseDoesNotExist' ||
    kind === 'AuthenticationFailed' ||
    kind === 'TooManyConnections'
  ) {
    return true;
  }
  if (CONNECTION_MESSAGE.test(error.message)) return true;
  // Node reports a refused dual-stack connect (localhost) as an AggregateError.
  if (error instanceof AggregateError && error.errors.some(isConnectionFailure))
    return true;
  return (
    error.cause !== undefined &&
    error.cause !== error &&
    isConnectionFailure(error.cause)
  );
}

/** First line of an error's message: Prisma's messages carry a multi-line call site. */
export function shortMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines[lines.length - 1] ?? 'unknown error';
}

/**
 * Runs a read or write and turns a connection failure into AuditUnavailableError,
 * the one error the API maps to 503; anything else is a bug and propagates as is.
 */
export async function whileAvailable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConnectionFailure(error))
      throw new AuditUnavailableError(shortMessage(error), { cause: error });
    throw error;
  }
}
