const INTEGER = /^-?\d+$/;

/** The largest integer among the given texts, or null (BigInt: bigint values exceed 2^53). */
export function largestInteger(values: Iterable<string | null>): bigint | null {
  let largest: bigint | null = null;
  for (const value of values) {
    if (value !== null && INTEGER.test(value)) {
      const n = BigInt(value);
      if (largest === null || n > largest) {
        largest = n;
      }
    }
  }
  return largest;
}

/** {@link largestInteger} as text. */
export function largestIntegerText(values: Iterable<string | null>): string | null {
  return largestInteger(values)?.toString() ?? null;
}
