import { JsonValue } from '../chain/canonical-json';

/** What a secret is replaced with in an audit payload. */
export const REDACTED = '[REDACTED]';

// A key naming a credential: its value is dropped whatever it looks like.
// ("hash" covers password hashes and row hashes alike; the chain's own
// prevHash/hash are columns, never payload keys, so they are not affected.)
const SECRET_KEY = /password|passwd|secret|token|hash|authorization|api[-_]?key|cookie|credential|private[-_]?key/i;

// Values that are secrets wherever they appear, even under an innocent key or
// inside a longer string (an error message, a header dump).
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const BCRYPT = /\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}/g;
// scheme://user:password@host — the password runs to the last "@" of the URL,
// so a password with an unencoded "@" is still removed whole.
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)\S*@(?=[^\s@]*(?:\s|$))/gi;
// password=… as a URL query parameter or in a libpq keyword/value string.
const PASSWORD_PARAMETER = /(^|[?&;\s])(password|passwd|pwd|sslpassword)=[^&;\s]*/gi;

/** Removes secrets from a string value; everything else is left as it is. */
export function scrubSecretsInText(text: string): string {
  return text
    .replace(JWT, REDACTED)
    .replace(BCRYPT, REDACTED)
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(PASSWORD_PARAMETER, `$1$2=${REDACTED}`);
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/**
 * Returns a copy of a JSON value with secrets removed: the value of any key that
 * names a credential becomes REDACTED (at any depth), and JWTs, bcrypt hashes
 * and connection-string passwords are cut out of every string. Runs before an
 * event is hashed, so what the chain covers is already clean.
 */
export function scrubSecrets(value: JsonValue): JsonValue {
  if (typeof value === 'string') {
    return scrubSecretsInText(value);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(scrubSecrets);
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, isSecretKey(key) ? REDACTED : scrubSecrets(item)]),
  );
}
