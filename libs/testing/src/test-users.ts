import bcrypt from 'bcryptjs';
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';

/** A CRM user the tests can log in as; the password is kept so tests can use it. */
export interface TestUser {
  id: string;
  email: string;
  name: string;
  role: string;
  password: string;
}

/** A fresh user with a random password. */
export function makeTestUser(role: string, email = `${role}-${randomBytes(3).toString('hex')}@vantix.test`): TestUser {
  return {
    id: randomUUID(),
    email,
    name: `Test ${role}`,
    role,
    password: `pw-${randomBytes(9).toString('base64url')}`,
  };
}

/**
 * Inserts users with bcrypt hashes, as the CRM stores them (cost 4 unless
 * given: the tests measure behaviour, not bcrypt's cost). `prefix` rewrites
 * the hash's version tag ($2a$/$2b$/$2y$ are the same algorithm) to seed the
 * variants other stacks write.
 */
export async function insertUsers(
  pool: Pool,
  users: TestUser[],
  prefix: '$2a$' | '$2b$' | '$2y$' = '$2b$',
  cost = 4,
): Promise<void> {
  for (const user of users) {
    const hash = prefix + (await bcrypt.hash(user.password, cost)).slice(4);
    await pool.query('INSERT INTO users (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)', [
      user.id,
      user.email,
      user.name,
      user.role,
      hash,
    ]);
  }
}
