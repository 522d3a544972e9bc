/**
 * "The database is not there" as opposed to "the database refused this
 * statement": the one classifier every Vantix Sync database wrapper uses, so a
 * failed login, a dropped socket or a server shutting down means the same
 * thing (unavailable → 503) for the CRM databases and for the audit store.
 */

// SQLSTATE: class 08 (connection exception), class 28 (invalid authorization:
// 28000, 28P01 — a database we may not log into is as unusable as one that is
// down), 3D000 (no such database), 53300 (too many connections), 57P01–57P04
// (admin/crash shutdown, cannot connect now, database dropped).
const SQLSTATE_CONNECTION = /^(?:08|28)|^(?:3D000|53300|57P0[1-4])$/;

// Node's network errors when a socket cannot be opened or dies.
const NODE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

// Prisma's codes for "could not talk to the database" (P1xxx) and a pool timeout (P2024).
const PRISMA_CONNECTION_CODES: ReadonlySet<string> = new Set([
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

// Prisma's driver adapter puts its own classification on meta.driverAdapterError.cause.kind.
const ADAPTER_CONNECTION_KINDS: ReadonlySet<unknown> = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'DatabaseDoesNotExist',
  'AuthenticationFailed',
  'TooManyConnections',
]);

// pg's own wording when a socket dies, a client or pool is used after it ended,
// or the pool cannot connect in time; Prisma's when the server is unreachable.
const CONNECTION_MESSAGE =
  /connection terminated|connection error|client was closed|cannot use a pool after calling end|timeout exceeded when trying to connect|connection (?:is )?closed|can't reach database/i;

// Errors are read by shape, never with instanceof: errors raised by Node's net
// module come from another realm under jest's VM sandbox (and could come from a
// bundled copy of pg), where `instanceof Error` is false.
interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
}

function isConnectionCode(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    (NODE_NETWORK_CODES.has(code) || PRISMA_CONNECTION_CODES.has(code) || SQLSTATE_CONNECTION.test(code))
  );
}

/** Whether an error means the database could not be reached or dropped us (rather than a statement being refused). */
export function isConnectionFailure(error: unknown): boolean {
  return classify(error, 0);
}

function classify(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) {
    return false;
  }
  const candidate = error as ErrorLike;
  if (isConnectionCode(candidate.code)) {
    return true;
  }
  if (ADAPTER_CONNECTION_KINDS.has(candidate.meta?.driverAdapterError?.cause?.kind)) {
    return true;
  }
  if (typeof candidate.message === 'string' && CONNECTION_MESSAGE.test(candidate.message)) {
    return true;
  }
  // Node reports a refused dual-stack connect (localhost) as an AggregateError.
  if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => classify(inner, depth + 1))) {
    return true;
  }
  return classify(candidate.cause, depth + 1);
}
