import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

/** Fragments an attacker would try as table names, ids, cursors and filters. */
export const SQL_FRAGMENTS = [
  `users; DROP TABLE customers; --`,
  `' OR '1'='1`,
  `customers" ; DELETE FROM users; --`,
  `customers WHERE 1=1`,
  `users UNION SELECT password_hash FROM users`,
  `1; SELECT pg_sleep(10)`,
  `pg_catalog.pg_authid`,
  `public.customers`,
  `"customers"`,
  `CUSTOMERS`,
  `customers `,
  `$1`,
  `%`,
  `_`,
  `\\`,
  `../../etc/passwd`,
  `\u0000`,
  `customers\u0000`,
  `<script>alert(1)</script>`,
  '${jndi:ldap://127.0.0.1/x}',
  `00000000-0000-0000-0000-000000000000' OR 1=1 --`,
  `["a","b"]`,
  `{"$ne":null}`,
];

const CRM_TABLES: readonly string[] = ['users', 'customers', 'customer_notes', 'customer_files'];

/** A string that is not a CRM table name: SQL fragments, noise, unicode, very long text. */
export const junkString = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom(...SQL_FRAGMENTS) },
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    {
      weight: 1,
      arbitrary: fc.string({ minLength: 2_000, maxLength: 20_000 }),
    },
  )
  .filter((s) => !CRM_TABLES.includes(s));

/** Any JSON value that is not a string (for fields that want a string or an array). */
export const notAString = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
    minKeys: 1,
    maxKeys: 4,
  }),
);

/** Arrays and objects nested `depth` deep: a parser or validator that recurses may run out of stack. */
export const deepNesting = fc.integer({ min: 40, max: 3_000 }).chain((depth) =>
  fc.constantFrom('array', 'object').map((shape) => {
    let value: unknown = 'customers';
    for (let i = 0; i < depth; i++) {
      value = shape === 'array' ? [value] : { tables: value };
    }
    return value;
  }),
);

/**
 * Keys that name a member of Object.prototype. class-transformer skips them,
 * so the validation pipe never sees them: they are ignored rather than refused
 * with 400 (tested separately: no 5xx, no prototype pollution).
 */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Keys the DTOs do not know: refused with 400. */
export const unknownKey = fc.oneof(
  fc.constantFrom('isAdmin', 'role', 'where', '$where', 'sql', 'password_hash', 'id'),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((key) => !PROTOTYPE_KEYS.includes(key) && !(key in Object.prototype)),
);

/** A JSON value that is not a boolean, for the optional boolean fields. */
export const notABoolean = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string({ maxLength: 20 }),
  fc.constant([]),
  fc.constant({}),
);

/** Text that JSON.parse refuses. */
export const invalidJson = fc
  .oneof(
    fc.constantFrom(
      '{',
      '{"tables": [}',
      "{'tables': []}",
      '{"confirm": tru}',
      '{"a":1,}',
      'NaN',
      '[1,2',
      '\u0000',
      '{"a": "\\x"}',
    ),
    fc.string({ minLength: 1, maxLength: 60 }),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** A value for a query parameter that wants a whole number from 1 to 200. */
export const badLimit = fc.oneof(
  fc.constantFrom('0', '-1', '201', '1e3', '1.5', 'NaN', 'Infinity', '', ' ', '9007199254740993', '--1'),
  // Junk that happens to read as a whole number from 1 to 200 (e.g. "6",
  // " 6 ", "0x6") is a valid limit, not a malformed one.
  junkString
    .map((s) => s.slice(0, 500))
    .filter((s) => {
      const n = Number(s);
      return !(s.trim() !== '' && Number.isInteger(n) && n >= 1 && n <= 200);
    }),
);

export const uuid = fc.constant(null).map(() => randomUUID());
