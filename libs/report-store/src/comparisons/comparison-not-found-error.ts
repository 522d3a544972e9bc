/** The comparison a request names is not in the store, or not completed (API: 404). */
export class ComparisonNotFoundError extends Error {
  override readonly name = 'ComparisonNotFoundError';

  constructor(readonly comparisonId: string) {
    super(`comparison ${comparisonId} does not exist`);
  }
}
