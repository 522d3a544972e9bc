import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Request } from 'express';

/** The admin a request acts for, as the JWT strategy puts it on `request.user`. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: string;
  /** The token's own id (`jti`) and expiry: what logging out revokes, and until when. */
  tokenId: string;
  tokenExpiresAt: Date;
  /**
   * A fingerprint of the user's Production `users` row (password hash and role)
   * at login, or null when they were not there: a write to Production checks
   * the row again against it (ProductionAuthority).
   */
  productionFingerprint: string | null;
}

/** Who did what, from where: the parts of a request every audit event records. */
export interface RequestContext {
  actor: { id: string | null; email: string | null };
  /** Always the server's own id (also in the server log and the X-Request-Id response header). */
  requestId: string | null;
  /** The X-Request-Id the client sent, when well-formed: kept beside the server's, never instead of it. */
  clientRequestId: string | null;
  /** The socket's address, or — only behind a proxy trusted by TRUST_PROXY — the one it forwarded. */
  clientIp: string | null;
}

const CLIENT_REQUEST_ID = /^[\w-]{1,64}$/;

type WithRequestIds = IncomingMessage & { clientRequestId?: string };

/**
 * The logger's request-id generator (nestjs-pino's genReqId): the server
 * always chooses the id the logs and the audit log are searched by, so a client
 * cannot plant an id that points at someone else's lines. A well-formed
 * X-Request-Id from the client is kept as `clientRequestId`.
 */
export function assignRequestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  if (typeof given === 'string' && CLIENT_REQUEST_ID.test(given)) {
    (request as WithRequestIds).clientRequestId = given;
  }
  const id = randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

export function requestContext(request: Request): RequestContext {
  const user = (request as Request & { user?: AuthenticatedUser }).user;
  const id = (request as Request & { id?: unknown }).id;
  return {
    actor: { id: user?.id ?? null, email: user?.email ?? null },
    requestId: id === undefined ? null : String(id),
    clientRequestId: (request as unknown as WithRequestIds).clientRequestId ?? null,
    clientIp: request.ip ?? request.socket?.remoteAddress ?? null,
  };
}
