import { createHmac } from 'node:crypto';

/**
 * A short keyed digest of what makes a session legitimate: the stored password
 * hash and the role. It goes into the token at login and is compared with the
 * current row on every request, so changing either (a password reset, a
 * demotion) ends every earlier session at once. Keyed with the JWT secret, so
 * the token reveals nothing about the hash.
 */
export function sessionFingerprint(secret: string, user: { passwordHash: string; role: string }): string {
  return createHmac('sha256', secret)
    .update(`${user.role}\u0000${user.passwordHash}`, 'utf8')
    .digest('base64url')
    .slice(0, 22);
}
