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
// pg's own wording when a socket dies or the pool cannot connect in time.
const CONNECTION_MESSAGE =
  /connection terminated|timeout exceeded when trying to connect|connection (?:is )?closed|can't reach database/i;

// Errors are read by shape, not with instanceof: errors raised by Node's net
// module come from another realm under jest's VM sandbox (and could from a
// bundled copy of pg), where `instanceof Error` is false.
interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
}

const ADAPTER_CONNECTION_KINDS: ReadonlySet<unknown> = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'DatabaseDoesNotExist',
  'AuthenticationFailed',
  'TooManyConnections',
]);

function isConnectionCode(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    (PRISMA_CONNECTION_CODES.has(code) || NODE_NETWORK_CODES.has(code) || SQLSTATE_CONNECTION.test(code))
  );
}

/** Whether an error means the database could not be reached (rather than a query being wrong). */
export function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) {
    return false;
  }
  const candidate = error as ErrorLike;
  if (isConnectionCode(candidate.code)) {
    return true;
  }
  // Prisma puts the driver's classification on meta.driverAdapterError.cause.kind.
  if (ADAPTER_CONNECTION_KINDS.has(candidate.meta?.driverAdapterError?.cause?.kind)) {
    return true;
  }
  if (typeof candidate.message === 'string' && CONNECTION_MESSAGE.test(candidate.message)) {
    return true;
  }
  // Node reports a refused dual-stack connect (localhost) as an AggregateError.
  if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isConnectionFailure(inner, depth + 1))) {
    return true;
  }
  return isConnectionFailure(candidate.cause, depth + 1);
}

/** The last non-empty line of an error's message: Prisma's start with a multi-line call site. */
export function shortMessage(error: unknown): string {
  const message = (error as ErrorLike | null)?.message;
  const lines = (typeof message === 'string' ? message : String(error))
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
    if (isConnectionFailure(error)) {
      throw new AuditUnavailableError(shortMessage(error), { cause: error });
    }
    throw error;
  }
}
