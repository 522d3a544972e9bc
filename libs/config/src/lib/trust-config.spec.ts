import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const DATABASES = {
  DATABASE_URL_DEV: 'postgres://u@127.0.0.1:5432/dev',
  DATABASE_URL_PROD: 'postgres://u@127.0.0.1:5432/prod',
  AUDIT_DATABASE_URL: 'postgres://u@127.0.0.1:5432/audit',
  JWT_SECRET: 'j'.repeat(32),
  APP_ENV: 'production',
};
const KEY = 'an-audit-key-of-at-least-32-characters';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('trust configuration', () => {
  it('needs no key in demo mode; the anchor lives in the demo data folder; no proxy is trusted', () => {
    const { trust } = loadConfig({ DEMO_DATA_DIR: '/tmp/demo-x' });
    expect(trust).toEqual({
      auditHmacKey: null,
      previousAuditHmacKeys: [],
      auditAnchorFile: '/tmp/demo-x/audit-anchor.log',
      trustProxy: false,
    });
  });

  it('requires AUDIT_HMAC_KEY of 32+ characters outside demo mode, and never shows it', () => {
    expect(refusal(DATABASES)).toMatch(/AUDIT_HMAC_KEY is required outside demo mode/);
    const message = refusal({ ...DATABASES, AUDIT_HMAC_KEY: 'short-secret-key' });
    expect(message).toMatch(/AUDIT_HMAC_KEY must be at least 32 characters/);
    expect(message).not.toContain('short-secret-key');
  });

  it('reads the key, its id, retired keys and the anchor file', () => {
    const { trust } = loadConfig({
      ...DATABASES,
      AUDIT_HMAC_KEY: KEY,
      AUDIT_HMAC_KEY_ID: '2026-11',
      AUDIT_HMAC_PREVIOUS_KEYS: `k1=${'o'.repeat(32)},k0=${'p'.repeat(40)}`,
      AUDIT_ANCHOR_FILE: 'anchors/audit.log',
    });
    expect(trust.auditHmacKey).toEqual({ id: '2026-11', secret: KEY });
    expect(trust.previousAuditHmacKeys).toEqual([
      { id: 'k1', secret: 'o'.repeat(32) },
      { id: 'k0', secret: 'p'.repeat(40) },
    ]);
    expect(trust.auditAnchorFile).toBe(resolve('anchors/audit.log'));
    expect(loadConfig({ ...DATABASES, AUDIT_HMAC_KEY: KEY }).trust).toMatchObject({
      auditHmacKey: { id: 'k1' },
      auditAnchorFile: resolve('.vantix-data/audit-anchor.log'),
    });
  });

  it.each([
    [{ AUDIT_HMAC_KEY_ID: 'has space' }, /AUDIT_HMAC_KEY_ID must be/],
    [{ AUDIT_HMAC_PREVIOUS_KEYS: 'k0=tooshort' }, /AUDIT_HMAC_PREVIOUS_KEYS entry 1 must be/],
    [{ AUDIT_HMAC_PREVIOUS_KEYS: `k1=${'o'.repeat(32)}` }, /must not repeat the current key id "k1"/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be .*"true" would let every client choose its address/],
    [{ TRUST_PROXY: 'everyone' }, /TRUST_PROXY must be/],
    [{ JWT_EXPIRES_IN_SECONDS: '28801' }, /JWT_EXPIRES_IN_SECONDS must be between 60 and 28800/],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const text = refusal({ ...DATABASES, AUDIT_HMAC_KEY: KEY, ...env });
    expect(text).toMatch(message);
    expect(text).not.toContain('tooshort');
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, fd00::/8', ['10.0.0.0/8', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(loadConfig({ ...DATABASES, AUDIT_HMAC_KEY: KEY, TRUST_PROXY: value }).trust.trustProxy).toEqual(expected);
  });
});
