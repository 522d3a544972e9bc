import { humanSize } from './human-size';
import { boundSummary, genericTemplate, SUMMARY_MAX_CHARS, SUMMARY_TEMPLATES } from './summary-templates';

describe('summary templates', () => {
  it('render the four CRM tables the way people recognise them', () => {
    expect(SUMMARY_TEMPLATES['customers'].render({ name: 'Ann', company: 'Acme', email: 'a@acme.test' }, null)).toBe(
      'Ann — Acme <a@acme.test>',
    );
    expect(SUMMARY_TEMPLATES['customers'].render({ name: 'Ann', company: null, email: null }, null)).toBe('Ann');
    expect(SUMMARY_TEMPLATES['customer_notes'].render({ body: 'line one\n\n  line   two' }, 'Ann')).toBe(
      'Ann: line one line two',
    );
    expect(
      SUMMARY_TEMPLATES['customer_files'].render(
        { file_name: 'a.png', mime_type: 'image/png', size_bytes: '2097152' },
        null,
      ),
    ).toBe('a.png (image/png, 2 MB) — unknown customer');
    expect(SUMMARY_TEMPLATES['users'].render({ email: 'x@y.z', role: 'admin' }, null)).toBe('x@y.z (admin)');
    expect(SUMMARY_TEMPLATES['users'].isPrivileged?.({ email: 'x@y.z', role: 'admin' })).toBe(true);
    expect(SUMMARY_TEMPLATES['users'].isPrivileged?.({ email: 'x@y.z', role: 'agent' })).toBe(false);
  });

  it('never name a sensitive column', () => {
    for (const template of Object.values(SUMMARY_TEMPLATES)) {
      expect(template.columns.filter((c) => /password|secret|token/i.test(c))).toEqual([]);
    }
  });

  it('fall back to the first text columns for other tables', () => {
    const t = genericTemplate(['title', 'city', 'notes', 'fourth']);
    expect(t.columns).toEqual(['title', 'city', 'notes']);
    expect(t.render({ title: 'Hello', city: null, notes: 'x' }, null)).toBe('Hello — x');
    expect(genericTemplate([]).render({}, null)).toBe('');
  });
});

describe(boundSummary.name, () => {
  it('keeps any summary within 200 characters, one line, without splitting a character', () => {
    const long = SUMMARY_TEMPLATES['customers'].render(
      { name: 'N'.repeat(5000), company: 'C'.repeat(5000), email: 'e'.repeat(5000) },
      null,
    );
    expect(boundSummary(long)).toHaveLength(SUMMARY_MAX_CHARS);
    expect(boundSummary(long).endsWith('…')).toBe(true);
    expect(boundSummary('a\n\nb')).toBe('a b');
    // 198 units then an astral character (two units): the pair is dropped whole.
    const astral = boundSummary(`${'x'.repeat(198)}😀😀`);
    expect(astral.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(astral).toBe(`${'x'.repeat(198)}…`);
    expect(boundSummary('short')).toBe('short');
  });
});

describe(humanSize.name, () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [10 * 1024 * 1024, '10 MB'],
    [123 * 1024 * 1024 * 1024, '123 GB'],
  ])('%d bytes → %s', (bytes, text) => expect(humanSize(bytes)).toBe(text));
});
