import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody } from '@vantix/contracts';

/** An API failure reduced to what a page needs to show and decide on. */
export interface ApiProblem {
  /** HTTP status; 0 when the API could not be reached at all. */
  status: number;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * Every API error body is an `ApiErrorBody` whose `message` names what is wrong;
 * pages show that message as is instead of inventing their own wording.
 */
export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return { status: 0, message: 'The API cannot be reached. Is the server running?' };
    }
    const body = error.error as Partial<ApiErrorBody> | string | null;
    if (body && typeof body === 'object') {
      // Nest's validation pipe may answer with a list of messages.
      const raw = body.message as unknown;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : null;
      if (message) {
        return { status: error.status, message, details: body.details };
      }
    }
    return { status: error.status, message: `${error.status} ${error.statusText || 'error'}` };
  }
  return { status: -1, message: error instanceof Error ? error.message : String(error) };
}
