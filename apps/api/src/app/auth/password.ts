import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';

/**
 * The CRM stores bcrypt hashes written by different stacks: `$2a$`/`$2b$`
 * (Node, OpenBSD) and `$2y$` (PHP's crypt). bcryptjs 3 reads all three as the
 * same algorithm, so no prefix rewriting is needed (login.spec.ts proves it).
 */
export async function passwordMatches(password: string, hash: string): Promise<boolean> {
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    // A malformed hash in the table must not turn into a 500 or reveal itself: it simply never matches.
    return false;
  }
}

/** The cost factor of a bcrypt hash (`$2b$12$…` → 12), or null if it is not one. */
export function bcryptCost(hash: string): number | null {
  const match = /^\$2[aby]?\$(\d{2})\$/.exec(hash);
  const cost = match ? Number(match[1]) : NaN;
  return cost >= 4 && cost <= 31 ? cost : null;
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * A hash of a random password nobody knows, compared against when the e-mail
 * is unknown. Given the cost of the CRM's real hashes, an unknown e-mail costs
 * as much time as a wrong password: response times do not tell which.
 */
export function dummyPasswordHash(cost = 10): Promise<string> {
  const bounded = Math.min(Math.max(cost, 4), 14);
  let hash = dummyHashes.get(bounded);
  if (!hash) {
    hash = bcrypt.hash(randomBytes(18).toString('base64url'), bounded);
    dummyHashes.set(bounded, hash);
  }
  return hash;
}
