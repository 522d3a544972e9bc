/**
 * Columns whose values never leave the engine: not selected for summaries, never
 * returned, and reported by name only when they differ. `password_hash` is
 * covered by "password".
 */
const SENSITIVE = /password|secret|token/i;

export function isSensitiveColumn(name: string): boolean {
  return SENSITIVE.test(name);
}
