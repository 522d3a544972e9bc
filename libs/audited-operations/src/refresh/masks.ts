import { createHmac } from 'node:crypto';

/**
 * The deterministic masks of a refresh's data rules. Each is a keyed hash
 * (HMAC-SHA256) of the source value: the same value always masks to the same
 * result — across tables, requests and the API and CLI alike, so unique keys
 * and joins on masked columns still hold — while without the key nobody can
 * try a dictionary of e-mail addresses or phone numbers against the masks.
 * The key is derived from the audit HMAC key (see {@link maskKeyFrom}).
 */
export class Masks {
  constructor(private readonly key: Buffer) {}

  /** `user-<16 hex>@example.invalid`: undeliverable (RFC 2606 .invalid), distinct for distinct sources (64 bits). */
  email(value: string): string {
    return `user-${this.digest('email', value).toString('hex').slice(0, 16)}@example.invalid`;
  }

  /** Every digit replaced by a keyed one; `+`, spaces, dashes and brackets stay, so the format is kept. */
  phone(value: string): string {
    const stream = this.stream('phone', value);
    let i = 0;
    return value.replace(/[0-9]/g, () => String(stream(i++) % 10));
  }

  /** Same length: every letter replaced by a keyed letter of the same case; digits, spaces, punctuation kept. */
  text(value: string): string {
    const stream = this.stream('text', value);
    let i = 0;
    return [...value]
      .map((ch) => {
        if (/\p{Lu}/u.test(ch)) {
          return String.fromCharCode(65 + (stream(i++) % 26));
        }
        if (/\p{L}/u.test(ch)) {
          return String.fromCharCode(97 + (stream(i++) % 26));
        }
        return ch;
      })
      .join('');
  }

  /**
   * A password/secret/token that cannot authenticate: `!` starts no bcrypt,
   * argon2 or scrypt hash, nor a token anyone was issued. Distinct per source
   * value, so a unique token column keeps its uniqueness.
   */
  unusable(value: string): string {
    return `!refreshed-not-usable-${this.digest('unusable', value).toString('hex').slice(0, 24)}`;
  }

  private digest(purpose: string, value: string, block = 0): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}\0${block}\0${value}`).digest();
  }

  /** Byte `i` of an unbounded keyed stream for one value (HMAC in counter mode): long texts are masked too. */
  private stream(purpose: string, value: string): (i: number) => number {
    const blocks: Buffer[] = [];
    return (i) => {
      const block = Math.floor(i / 32);
      while (blocks.length <= block) {
        blocks.push(this.digest(purpose, value, blocks.length));
      }
      return blocks[block][i % 32];
    };
  }
}

/**
 * The masks' key from the server's audit HMAC key (AUDIT_HMAC_KEY, or the
 * demo's), through its own HMAC label so the audit chain's key is never used
 * as is. Rotating the audit key changes the masks of later refreshes.
 */
export function maskKeyFrom(secret: string): Buffer {
  return createHmac('sha256', secret).update('vantix-sync refresh data rules v1').digest();
}
