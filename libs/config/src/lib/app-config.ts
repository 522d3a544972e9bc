import { isIP } from 'node:net';
import { cleanEnv, num, port, str, makeValidator, EnvError } from 'envalid';
import { ApprovalConfig, readApprovalConfig } from './approval-config';
import { JWT_MAX_EXPIRES_IN_SECONDS, readTrustConfig, TrustConfig } from './trust-config';
import { checkConnectionString, ConnectionStringError } from './connection-string';
import { readRefreshRules, RefreshRules, RefreshRulesError } from './refresh-rules';

export type AppEnvironment = 'development' | 'production';

export interface DatabaseUrls {
  development: string;
  production: string;
  audit: string;
}

/** How the API writes its logs: readable lines on a terminal, JSON for machines (see LOG_FORMAT). */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** Who reads the configuration: the CLI issues no tokens, so it needs no JWT_SECRET. */
export type ConfigClient = 'api' | 'cli';

export interface AppConfig {
  appEnv: AppEnvironment;
  /** The address the API listens on (HOST, default 127.0.0.1: this machine only). */
  host: string;
  port: number;
  /** True when no database is configured: the embedded demo databases are used. */
  demo: boolean;
  /** Null in demo mode until the demo databases are up (see @vantix/demo). */
  databases: DatabaseUrls | null;
  /** Null in demo mode: the demo keeps its own in its data folder. */
  jwtSecret: string | null;
  jwtExpiresInSeconds: number;
  demoDataDir: string;
  logLevel: string;
  /** LOG_FORMAT: `auto` (default) is readable on a terminal and JSON otherwise. */
  logFormat: LogFormat;
  /** Largest number of records per list in a comparison response (the rest is paged). */
  reportRecordCap: number;
  /** Login attempts allowed per minute, per client IP and e-mail, and per client IP alone. */
  loginRateLimit: { perIpAndEmail: number; perIp: number };
  /** Audit key and anchor, proxies (trust-config.ts). */
  trust: TrustConfig;
  /** REFRESH_RULES: what a refresh of Development writes instead of Production's values (refresh-rules.ts). */
  refreshRules: RefreshRules;
  /** Two-person approval of syncs (approval-config.ts). */
  approvals: ApprovalConfig;
}

/** A configuration error: one line that names the variable. */
export class ConfigError extends Error {}

const postgresUrl = makeValidator<string>((value) => {
  try {
    // The driver's own reading of the URL: host, port and parameters as pg will use them.
    checkConnectionString(value);
  } catch (error) {
    if (error instanceof ConnectionStringError) {
      throw new EnvError(error.message);
    }
    throw error;
  }
  return value;
});

const bindAddress = makeValidator<string>((value) => {
  if (isIP(value) === 0 && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(value)) {
    throw new EnvError(
      'must be an IP address or a host name (127.0.0.1 for this machine only, 0.0.0.0 for every interface)',
    );
  }
  return value;
});

/**
 * Reads and validates the configuration once. Throws a ConfigError whose
 * message is one line naming the variable that is wrong or missing. Nothing
 * else in Vantix Sync reads process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { client?: ConfigClient } = {}): AppConfig {
  const client = options.client ?? 'api';
  const errors: string[] = [];
  const values = cleanEnv(
    env,
    {
      // No default: a deployment that forgot it must not get the development routes (checked below).
      APP_ENV: str({ choices: ['development', 'production'], default: undefined }),
      NODE_ENV: str({ default: undefined }),
      HOST: bindAddress({ default: '127.0.0.1' }),
      PORT: port({ default: 3000 }),
      DATABASE_URL_DEV: postgresUrl({ default: undefined }),
      DATABASE_URL_PROD: postgresUrl({ default: undefined }),
      DATABASE_URL: postgresUrl({ default: undefined }),
      AUDIT_DATABASE_URL: postgresUrl({ default: undefined }),
      JWT_SECRET: str({ default: undefined }),
      JWT_EXPIRES_IN_SECONDS: num({ default: 1800 }),
      DEMO_DATA_DIR: str({ default: '.demo-data' }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      LOG_FORMAT: str({ choices: ['auto', 'json', 'pretty'], default: 'auto' }),
      REPORT_RECORD_CAP: num({ default: 500 }),
      LOGIN_LIMIT_PER_IP_AND_EMAIL: num({ default: 5 }),
      LOGIN_LIMIT_PER_IP: num({ default: 20 }),
      REFRESH_RULES: str({ default: undefined }),
    },
    {
      reporter: ({ errors: found }) => {
        for (const [name, error] of Object.entries(found)) {
          errors.push(`${name} ${error?.message ?? 'is invalid'}`);
        }
      },
    },
  );
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration: ${errors.join('; ')}`);
  }

  const development = values.DATABASE_URL_DEV;
  const production = values.DATABASE_URL_PROD ?? values.DATABASE_URL;
  const audit = values.AUDIT_DATABASE_URL;
  const demo = !development && !production && !audit;

  if (demo && (values.APP_ENV === 'production' || values.NODE_ENV === 'production')) {
    const variable = values.APP_ENV === 'production' ? 'APP_ENV' : 'NODE_ENV';
    throw new ConfigError(
      `Invalid configuration: ${variable}=production but no database is configured, which would start the embedded demo: ` +
        'set DATABASE_URL_DEV, DATABASE_URL_PROD and AUDIT_DATABASE_URL (or unset ' +
        `${variable} to run the demo)`,
    );
  }
  if (!demo) {
    if (!values.APP_ENV) {
      throw new ConfigError(
        'Invalid configuration: APP_ENV is required when a database is configured: set it to production (no /api/dev routes) or development',
      );
    }
    if (!development) {
      throw new ConfigError('Invalid configuration: DATABASE_URL_DEV is required when a database is configured');
    }
    if (!production) {
      throw new ConfigError(
        'Invalid configuration: DATABASE_URL_PROD (or DATABASE_URL) is required when a database is configured',
      );
    }
    if (!audit) {
      throw new ConfigError('Invalid configuration: AUDIT_DATABASE_URL is required when a database is configured');
    }
    if (client === 'api' && !values.JWT_SECRET) {
      throw new ConfigError('Invalid configuration: JWT_SECRET is required outside demo mode');
    }
  }
  if (values.JWT_SECRET !== undefined && values.JWT_SECRET.length < 32) {
    throw new ConfigError('Invalid configuration: JWT_SECRET must be at least 32 characters long');
  }
  if (values.JWT_EXPIRES_IN_SECONDS < 60 || values.JWT_EXPIRES_IN_SECONDS > JWT_MAX_EXPIRES_IN_SECONDS) {
    throw new ConfigError(
      `Invalid configuration: JWT_EXPIRES_IN_SECONDS must be between 60 and ${JWT_MAX_EXPIRES_IN_SECONDS}`,
    );
  }
  const trust = readTrustConfig(env, { demo, dataDir: values.DEMO_DATA_DIR });
  if (trust.errors.length > 0) {
    throw new ConfigError(`Invalid configuration: ${trust.errors.join('; ')}`);
  }

  const approvals = readApprovalConfig(env);
  if (approvals.errors.length > 0) {
    throw new ConfigError(`Invalid configuration: ${approvals.errors.join('; ')}`);
  }

  for (const name of ['LOGIN_LIMIT_PER_IP_AND_EMAIL', 'LOGIN_LIMIT_PER_IP'] as const) {
    if (!Number.isInteger(values[name]) || values[name] < 1) {
      throw new ConfigError(
        `Invalid configuration: ${name} must be a whole number of at least 1 (attempts per minute)`,
      );
    }
  }

  let refreshRules: RefreshRules;
  try {
    refreshRules = readRefreshRules(values.REFRESH_RULES);
  } catch (error) {
    if (error instanceof RefreshRulesError) {
      throw new ConfigError(`Invalid configuration: ${error.message}`);
    }
    throw error;
  }

  return {
    appEnv: (values.APP_ENV ?? 'development') as AppEnvironment,
    host: values.HOST,
    port: values.PORT,
    demo,
    databases: demo ? null : { development: development!, production: production!, audit: audit! },
    jwtSecret: values.JWT_SECRET ?? null,
    jwtExpiresInSeconds: values.JWT_EXPIRES_IN_SECONDS,
    demoDataDir: values.DEMO_DATA_DIR,
    logLevel: values.LOG_LEVEL,
    logFormat: values.LOG_FORMAT as LogFormat,
    reportRecordCap: values.REPORT_RECORD_CAP,
    loginRateLimit: { perIpAndEmail: values.LOGIN_LIMIT_PER_IP_AND_EMAIL, perIp: values.LOGIN_LIMIT_PER_IP },
    trust: trust.config,
    refreshRules,
    approvals: approvals.config,
  };
}

/** The CLI's configuration: the same variables and checks, but no JWT_SECRET (it issues no tokens). */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadConfig(env, { client: 'cli' });
}
