import { isConnectionFailure, shortMessage } from '@vantix/db-errors';

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

/**
 * Runs a read or write on Vantix Sync's own store (the audit log, the report
 * store) and turns a connection failure — as @vantix/db-errors classifies it —
 * into AuditUnavailableError, the one error the API maps to 503 for this
 * store; anything else is a bug and propagates as is.
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
