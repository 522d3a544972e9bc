/** The body of every error the API answers with (4xx and 5xx). */
export interface ApiErrorBody {
  statusCode: number;
  /** The HTTP reason, e.g. "Bad Request". */
  error: string;
  /** What is wrong, in words a person understands; names the field, table or id. */
  message: string;
  /** Structured detail where there is some, e.g. `{ missingParents: MissingParent[] }` on a 409. */
  details?: Record<string, unknown>;
  requestId?: string;
}
