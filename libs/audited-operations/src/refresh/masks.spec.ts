import { Masks, maskKeyFrom } from './masks';

describe(Masks.name, () => {
  const masks = new Masks(maskKeyFrom('a-test-audit-key-of-at-least-32-characters'));
  const other = new Masks(maskKeyFrom('another-audit-key-of-at-least-32-characters'));

  it('masks the same value alike every time, distinct values apart, and depends on the key', () => {
    expect(masks.email('ada@example.com')).toBe(masks.email('ada@example.com'));
    expect(masks.email('ada@example.com')).toMatch(/^user-[0-9a-f]{16}@example\.invalid$/);
    expect(masks.email('ada@example.com')).not.toBe(masks.email('bob@example.com'));
    expect(other.email('ada@example.com')).not.toBe(masks.email('ada@example.com'));
    const emails = new Set(Array.from({ length: 5000 }, (_, i) => masks.email(`user${i}@example.com`)));
    expect(emails.size).toBe(5000);
  });

  it('keeps a phone number’s format and a text’s length, case and punctuation', () => {
    const phone = masks.phone('+44 (20) 7946-0958');
    expect(phone).toMatch(/^\+\d\d \(\d\d\) \d{4}-\d{4}$/);
    expect(phone).not.toBe('+44 (20) 7946-0958');
    const long = 'Ünïcode Text, 42! '.repeat(10);
    const text = masks.text(long);
    expect([...text]).toHaveLength([...long].length);
    expect(text).toMatch(/^([A-Z][a-z]{6} [A-Z][a-z]{3}, 42! ){10}$/);
    expect(masks.text(long)).toBe(text);
  });

  it('gives password hashes a value no bcrypt hash has, distinct per source', () => {
    const hash = '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234';
    expect(masks.unusable(hash)).toMatch(/^!refreshed-not-usable-[0-9a-f]{24}$/);
    expect(masks.unusable(hash)).not.toBe(masks.unusable(`${hash}x`));
  });
});
