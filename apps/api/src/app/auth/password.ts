import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

/**
 * The CRM stores bcrypt hashes written by different stacks: `$2a$`/`$2b$`
 * (Node, OpenBSD) and `$2y$` (PHP's crypt). bcryptjs 3 reads all three as the
 * same algorithm, so no prefix rewriting is needed (login.spec.ts proves it).
 */
export async function passwordMatches(
  password: string,
  hash: string,
): Promise<boolean> {
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    // A malformed hash in the table must not turn into a 500 or reveal itself: it simply never matches.
    return false;
  }
}

// Cost 10 matches what the CRM and the demo write, so an unknown e-mail costs
// as much time as a wrong password: the response time does not tell which.
let dummyHash: Promise<string> | undefined;

/** A hash of a random password nobody knows, compared against when the e-mail is unknown. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= bcrypt.hash(randomBytes(18).toString('base64url'), 10);
  return dummyHash;
}
