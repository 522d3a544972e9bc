import { Request } from 'express';

/** The admin a request acts for, as the JWT strategy puts it on `request.user`. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: string;
}

/** Who did what, from where: the parts of a request every audit event records. */
export interface RequestContext {
  actor: { id: string | null; email: string | null };
  requestId: string | null;
  clientIp: string | null;
}

export function requestContext(request: Request): RequestContext {
  const user = (request as Request & { user?: AuthenticatedUser }).user;
  const id = (request as Request & { id?: unknown }).id;
  return {
    actor: { id: user?.id ?? null, email: user?.email ?? null },
    requestId: id === undefined ? null : String(id),
    clientIp: request.ip ?? request.socket?.remoteAddress ?? null,
  };
}
