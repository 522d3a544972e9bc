/** A value that JSON can represent exactly; what the audit log hashes and stores. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// jsonb rejects U+0000, and PostgreSQL would store a lone surrogate as U+FFFD:
// either would make the stored event differ from the hashed one, so both are
// replaced before hashing.
const UNSTORABLE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- U+0000 is exactly what has to be found
  /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function storableString(value: string): string {
  return value.replace(UNSTORABLE_CHARACTERS, '\uFFFD');
}

/**
 * Turns any payload into the JSON value that is hashed and stored, so that what
 * is read back from jsonb hashes to the same bytes:
 * - Dates become ISO 8601 strings (UTC, milliseconds); other objects with
 *   `toJSON` are replaced by its result, as JSON.stringify does;
 * - `undefined`, functions and symbols are dropped from objects and become
 *   `null` in arrays (JSON.stringify's rules);
 * - NaN and ±Infinity become `null`; bigints become decimal strings;
 * - U+0000 and unpaired surrogates in strings become U+FFFD;
 * - a circular structure is a TypeError.
 */
export function toJsonValue(value: unknown): JsonValue {
  return normalize(value, new Set<object>());
}

function normalize(value: unknown, ancestors: Set<object>): JsonValue {
  switch (typeof value) {
    case 'string':
      return storableString(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
    case 'object':
      return normalizeObject(value, ancestors);
  }
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function normalizeObject(value: object | null, ancestors: Set<object>): JsonValue {
  if (value === null) {
    return null;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value.toISOString();
  }
  const withToJson = value as { toJSON?: unknown };
  if (typeof withToJson.toJSON === 'function') {
    return normalize((withToJson.toJSON as () => unknown).call(value), ancestors);
  }
  if (ancestors.has(value)) {
    throw new TypeError('cannot store a circular structure in the audit log');
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item) => normalize(item, ancestors));
    }
    // Object.fromEntries defines own properties, so a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => !isOmitted(item))
        .map(([key, item]) => [storableString(key), normalize(item, ancestors)]),
    );
  } finally {
    ancestors.delete(value);
  }
}

/**
 * Canonical JSON of a JSON value: object keys sorted by UTF-16 code units, no
 * whitespace, numbers and strings as ECMAScript's JSON.stringify writes them.
 * For JSON values this is the JSON Canonicalization Scheme (RFC 8785), so the
 * chain can be re-verified outside JavaScript. Non-JSON input is a TypeError:
 * pass it through toJsonValue first.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`not a JSON number: ${value}`);
      }
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) {
        return `[${value.map(canonicalJson).join(',')}]`;
      }
      return `{${Object.keys(value)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
        .join(',')}}`;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new TypeError(`not a JSON value: ${typeof value}`);
  }
}
