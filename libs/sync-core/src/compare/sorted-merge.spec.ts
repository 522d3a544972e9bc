import fc from 'fast-check';
import { compareCodePoints, KeyedRow, mergeSorted } from './sorted-merge';

async function* batches(rows: KeyedRow[], size: number): AsyncGenerator<unknown[][]> {
  for (let i = 0; i < rows.length; i += size) {
    yield rows.slice(i, i + size);
  }
}

async function collect(dev: KeyedRow[], prod: KeyedRow[], size = 2): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of mergeSorted(batches(dev, size), batches(prod, size), 3)) {
    for (const e of batch) {
      out.push(`${e.outcome}:${e.id}`);
    }
  }
  return out;
}

describe(compareCodePoints.name, () => {
  it('orders like PostgreSQL\'s "C" collation (UTF-8 bytes), astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const expected = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect(Math.sign(compareCodePoints(a, b))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    expect(compareCodePoints('\uFFFD', '😀')).toBeLessThan(0); // '<' in JS says the opposite
  });
});

describe(mergeSorted.name, () => {
  it('yields the ids only on one side and those whose hash differs', async () => {
    const dev: KeyedRow[] = [
      [0, 'a', '1'],
      [0, 'b', '2'],
      [1, 'a', '3'],
      [2, 'z', '9'],
    ];
    const prod: KeyedRow[] = [
      [0, 'b', '2'],
      [1, 'a', '4'],
      [1, 'c', '5'],
      [3, 'q', '1'],
    ];
    expect(await collect(dev, prod)).toEqual(['onlyDev:a', 'changed:a', 'onlyProd:c', 'onlyDev:z', 'onlyProd:q']);
    expect(await collect([], prod, 1)).toEqual(['onlyProd:b', 'onlyProd:a', 'onlyProd:c', 'onlyProd:q']);
    expect(await collect(dev, dev, 3)).toEqual([]);
  });

  it('refuses a side whose rows are out of order instead of reporting wrong differences', async () => {
    const unsorted: KeyedRow[] = [
      [0, 'b', '1'],
      [0, 'a', '1'],
    ];
    await expect(collect(unsorted, [])).rejects.toThrow(/not in the expected order/);
  });
});
