import { castTo, ident, joinOn, qualified } from './sql';

describe('SQL text helpers', () => {
  it("quote identifiers with pg's escapeIdentifier, so case, keywords and quotes are safe", () => {
    expect(ident('Order')).toBe('"Order"');
    expect(ident('a"b')).toBe('"a""b"');
    expect(qualified('public', 'customer_notes')).toBe('"public"."customer_notes"');
    expect(joinOn('t', 'k', ['a', 'b'], ['x', 'y'])).toBe('t."a" = k."x" AND t."b" = k."y"');
  });

  it('splice only type names the catalog can produce', () => {
    expect(castTo({ name: 'c', dataType: 'timestamp(3) with time zone' })).toBe('::timestamp(3) with time zone');
    expect(castTo({ name: 'c', dataType: '"My Type"[]' })).toBe('::"My Type"[]');
    expect(() => castTo({ name: 'c', dataType: 'text; DROP TABLE x' })).toThrow('Unsupported column type for c');
  });
});
