import { ConfigError } from '@vantix/config';

/**
 * A start that must not go ahead, for a reason a person can fix: the message
 * is one line that names what is wrong and what to change, never a password.
 * The API prints it after "Vantix Sync did not start:" and exits 1; the CLI
 * prints it after "vantix-sync:" and exits 2.
 */
export class StartRefusal extends Error {
  override name = 'StartRefusal';
}

/** A refusal, or an invalid configuration (also one line naming the variable): no stack trace needed. */
export function isStartRefusal(error: unknown): error is Error {
  return error instanceof StartRefusal || error instanceof ConfigError;
}
