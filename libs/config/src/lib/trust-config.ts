import { join, resolve } from 'node:path';

/** Longest access-token lifetime allowed (8 hours): a stolen token is useful for a working day at most. */
export const JWT_MAX_EXPIRES_IN_SECONDS = 28_800;

/** Shortest accepted audit HMAC key: 32 characters, as for JWT_SECRET. */
export const AUDIT_HMAC_KEY_MIN_LENGTH = 32;

/** Where the audit chain's head is anchored when AUDIT_ANCHOR_FILE is not set, inside the data folder. */
export const DEFAULT_ANCHOR_FILE_NAME = 'audit-anchor.log';

/** The data folder outside demo mode (the demo's is DEMO_DATA_DIR). */
export const DEFAULT_DATA_DIR = '.vantix-data';

/** One key of the audit chain: its id is stored with every event it hashed. */
export interface AuditHmacKey {
  id: string;
  secret: string;
}

/**
 * Express's `trust proxy` setting: false (the socket's address is the client),
 * a number of proxy hops, or a list of trusted proxy addresses/subnets
 * (`loopback`, `uniquelocal`, `10.0.0.0/8`, …).
 */
export type TrustProxySetting = false | number | string[];

export interface TrustConfig {
  /**
   * The key new audit events are hashed with (AUDIT_HMAC_KEY, AUDIT_HMAC_KEY_ID).
   * Null in demo mode: the demo keeps its own with its other secrets.
   */
  auditHmacKey: AuditHmacKey | null;
  /** Retired keys (AUDIT_HMAC_PREVIOUS_KEYS), so events hashed before a rotation still verify. */
  previousAuditHmacKeys: AuditHmacKey[];
  /** Absolute path of the append-only file the chain's head is anchored to. */
  auditAnchorFile: string;
  trustProxy: TrustProxySetting;
}

/** The variables this file reads (AUDIT_HMAC_KEY, AUDIT_HMAC_KEY_ID, AUDIT_HMAC_PREVIOUS_KEYS, AUDIT_ANCHOR_FILE, TRUST_PROXY). */
export type TrustEnvironment = Readonly<Record<string, string | undefined>>;

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;
const HOPS = /^\d{1,2}$/;
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);
// An IPv4 or IPv6 address, optionally with a /prefix; Express (proxy-addr) checks the details and throws on nonsense.
const ADDRESS = /^[0-9A-Fa-f:.]+(?:\/\d{1,3})?$/;

/**
 * Reads the trust settings (see README "Security"). Returns the problems as
 * one-line messages naming the variable, for app-config to report with its own.
 */
export function readTrustConfig(
  env: TrustEnvironment,
  mode: { demo: boolean; dataDir: string },
): { config: TrustConfig; errors: string[] } {
  const errors: string[] = [];
  const keyId = env['AUDIT_HMAC_KEY_ID']?.trim() || 'k1';
  if (!KEY_ID.test(keyId)) {
    errors.push('AUDIT_HMAC_KEY_ID must be 1 to 32 letters, digits, ".", "_" or "-"');
  }
  const secret = env['AUDIT_HMAC_KEY'];
  let auditHmacKey: AuditHmacKey | null = null;
  if (secret === undefined || secret === '') {
    if (!mode.demo) {
      errors.push(
        'AUDIT_HMAC_KEY is required outside demo mode (at least 32 characters; keep it out of every database)',
      );
    }
  } else if (secret.length < AUDIT_HMAC_KEY_MIN_LENGTH) {
    errors.push(`AUDIT_HMAC_KEY must be at least ${AUDIT_HMAC_KEY_MIN_LENGTH} characters long`);
  } else {
    auditHmacKey = { id: keyId, secret };
  }
  const previousAuditHmacKeys = parsePreviousKeys(env['AUDIT_HMAC_PREVIOUS_KEYS'], errors);
  if (previousAuditHmacKeys.some((key) => key.id === keyId)) {
    errors.push(`AUDIT_HMAC_PREVIOUS_KEYS must not repeat the current key id "${keyId}"`);
  }
  const anchor = env['AUDIT_ANCHOR_FILE']?.trim();
  const dataDir = mode.demo ? mode.dataDir : DEFAULT_DATA_DIR;
  const auditAnchorFile = resolve(anchor ? anchor : join(dataDir, DEFAULT_ANCHOR_FILE_NAME));
  return {
    config: {
      auditHmacKey,
      previousAuditHmacKeys,
      auditAnchorFile,
      trustProxy: parseTrustProxy(env['TRUST_PROXY'], errors),
    },
    errors,
  };
}

/** `id=key,id=key`: the retired keys of earlier rotations. */
function parsePreviousKeys(value: string | undefined, errors: string[]): AuditHmacKey[] {
  if (value === undefined || value.trim() === '') {
    return [];
  }
  const keys: AuditHmacKey[] = [];
  for (const part of value.split(',')) {
    const at = part.indexOf('=');
    const id = at > 0 ? part.slice(0, at).trim() : '';
    const secret = at > 0 ? part.slice(at + 1) : '';
    if (!KEY_ID.test(id) || secret.length < AUDIT_HMAC_KEY_MIN_LENGTH) {
      // The value itself is a secret: name the position, never the text.
      errors.push(
        `AUDIT_HMAC_PREVIOUS_KEYS entry ${keys.length + 1} must be <key id>=<key of at least ${AUDIT_HMAC_KEY_MIN_LENGTH} characters>`,
      );
      return [];
    }
    if (keys.some((key) => key.id === id)) {
      errors.push(`AUDIT_HMAC_PREVIOUS_KEYS names the key id "${id}" twice`);
      return [];
    }
    keys.push({ id, secret });
  }
  return keys;
}

/**
 * Default: trust nothing — the socket's address is the client, and an
 * X-Forwarded-For header changes nothing. `true` (trust every hop) is refused:
 * it would let any client choose its own address.
 */
function parseTrustProxy(value: string | undefined, errors: string[]): TrustProxySetting {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false') {
    return false;
  }
  if (HOPS.test(text)) {
    return Number(text);
  }
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !NAMED_SUBNETS.has(entry) && !ADDRESS.test(entry));
  if (bad !== undefined || entries.includes('')) {
    errors.push(
      'TRUST_PROXY must be false, a number of proxy hops, or a comma-separated list of proxy addresses/subnets ' +
        `(loopback, uniquelocal, 10.0.0.0/8, …)${text === 'true' ? '; "true" would let every client choose its address' : ''}`,
    );
    return false;
  }
  return entries;
}
