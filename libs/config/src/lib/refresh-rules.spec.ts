import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { readRefreshRules, RefreshRulesError } from './refresh-rules';

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'vantix-rules-')), name);
  writeFileSync(path, text);
  return path;
}

describe(readRefreshRules.name, () => {
  it('is empty without REFRESH_RULES', () => {
    expect(readRefreshRules(undefined)).toEqual({ file: null, tables: new Map() });
  });

  it('reads JSON and YAML alike', () => {
    const rules = { 'users.email': 'mask-email', 'customers.company': 'fixed:ACME: test', 'customers.phone': 'null' };
    const json = readRefreshRules(file('r.json', JSON.stringify(rules)));
    const yaml = readRefreshRules(
      file('r.yml', 'users.email: mask-email\ncustomers.company: "fixed:ACME: test"\ncustomers.phone: null\n'),
    );
    for (const read of [json, yaml]) {
      expect(read.tables.get('users')?.get('email')).toBe('mask-email');
      expect(read.tables.get('customers')?.get('company')).toBe('fixed:ACME: test');
      expect(read.tables.get('customers')?.get('phone')).toBe('null');
    }
  });

  it.each([
    [
      'r.json',
      '{"users.email": "mask-mail"}',
      /rule "users.email": "mask-mail" is not a rule \(copy, null, mask-email/,
    ],
    ['r.json', '{"invoices.total": "null"}', /rule "invoices.total": invoices is not a CRM table/],
    ['r.json', '{"users": "null"}', /rule "users": the key must be table.column/],
    ['r.yaml', 'users.email: 3', /rule "users.email": 3 is not a rule/],
    ['r.yaml', 'users.email: [copy]', /rule "users.email": \["copy"\] is not a rule/],
    ['r.json', '["users.email"]', /must hold one object/],
    ['r.json', '{"users.email": ', /is not valid JSON/],
    ['r.txt', '{}', /must name a .json, .yaml or .yml file/],
  ])('refuses %s %s naming what is wrong', (name, text, message) => {
    expect(() => readRefreshRules(file(name, text))).toThrow(RefreshRulesError);
    expect(() => readRefreshRules(file(name, text))).toThrow(message);
  });

  it('refuses a file it cannot read', () => {
    expect(() => readRefreshRules('/nonexistent/rules.json')).toThrow(/REFRESH_RULES: cannot read .*ENOENT/);
  });

  it('makes the whole configuration invalid: the server and the CLI refuse to start', () => {
    expect(() => loadConfig({ REFRESH_RULES: file('r.json', '{"users.password_hash": "keep"}') })).toThrow(
      /^Invalid configuration: REFRESH_RULES rule "users.password_hash": "keep" is not a rule/,
    );
  });
});
