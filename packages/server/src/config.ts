import path from 'node:path';
import { z } from 'zod';

/**
 * The only reader of process.env. Parses once, fails fast and lists every
 * problem at once, so an administrator fixes the environment in one go.
 */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Embedded database and stored files live here unless DATABASE_URL / storage settings say otherwise. */
  DATA_DIR: z.string().default('./data'),
  /** postgres://… switches from the embedded PGlite to a PostgreSQL server. */
  DATABASE_URL: z.string().url().optional(),
  /** Loads the demo province on start; default on for PGlite, off for a PostgreSQL server. */
  DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Largest accepted upload, in MiB. */
  UPLOAD_MAX_MIB: z.coerce.number().positive().max(10_240).default(200),
  /** Largest accepted JSON body, in KiB. */
  BODY_MAX_KIB: z.coerce.number().int().positive().max(102_400).default(1024),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  /** Sign-in attempts per minute from one address, across all accounts (password spraying); offices behind one NAT need headroom. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /**
   * Secure flag of the session cookie: `auto` sets it whenever the request came
   * over HTTPS (directly or via a trusted proxy), `always` forces it.
   */
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  /** Set when running behind a reverse proxy that sends X-Forwarded-For / -Proto. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PROVINCE_NAME: z.string().optional(),
  /** The built web app to serve; defaults to packages/web/dist. */
  WEB_DIST_DIR: z.string().optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  demo: 'auto' | 'true' | 'false';
  uploadMaxBytes: number;
  bodyMaxBytes: number;
  session: { idleMs: number; absoluteMs: number };
  login: { maxFailures: number; lockMs: number; ratePerMinute: number };
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  logLevel: string;
  provinceName: string | null;
  webDistDir: string;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    throw new ConfigError('Invalid environment:\n  - DATABASE_URL: must start with postgres:// or postgresql://');
  }
  // npm runs workspace scripts inside the package; a relative DATA_DIR means relative to where `npm start` was typed.
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    demo: e.DEMO,
    uploadMaxBytes: Math.round(e.UPLOAD_MAX_MIB * 1024 * 1024),
    bodyMaxBytes: e.BODY_MAX_KIB * 1024,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMs: e.LOGIN_LOCK_MINUTES * 60_000, ratePerMinute: e.LOGIN_RATE_PER_MINUTE },
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
    provinceName: e.PROVINCE_NAME ?? null,
    webDistDir: e.WEB_DIST_DIR ? path.resolve(env.INIT_CWD ?? process.cwd(), e.WEB_DIST_DIR) : path.resolve(import.meta.dirname, '../../web/dist'),
  };
}
