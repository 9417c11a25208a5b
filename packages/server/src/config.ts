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
  /**
   * The address people reach NghiemThu at, printed in the QR code of minutes
   * (`<PUBLIC_BASE_URL>/verify/<id>`); defaults to http://localhost:<PORT>.
   */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** Where the Noto Serif TTFs for generated PDFs are (Debian fonts-noto-core). */
  PDF_FONT_DIR: z.string().default('/usr/share/fonts/truetype/noto'),
  /** The mail server for e-mail notifications; unset: notifications stay in the app only. */
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  /** true: TLS from the first byte (port 465); false: plain, upgraded with STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  /** Sign-in to the mail server: both or neither. */
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** The sender, required with SMTP_HOST, e.g. `"NghiemThu" <nghiemthu@sokhcn.anbinh.gov.vn>`. */
  SMTP_FROM: z.string().optional(),
  /** false accepts a mail server's self-signed or expired certificate; only for an internal relay you trust. */
  SMTP_REJECT_UNAUTHORIZED: z.enum(['true', 'false']).default('true'),
  /** Where file bytes are kept: `fs` in DATA_DIR/files, `s3` in a bucket of an S3-compatible server (Ceph RGW, MinIO, AWS). */
  STORAGE_BACKEND: z.enum(['fs', 's3']).default('fs'),
  /** With STORAGE_BACKEND=s3: the server, e.g. http://ceph-rgw.internal:7480 or https://s3.ap-southeast-1.amazonaws.com. */
  S3_ENDPOINT: z.string().optional(),
  /** Signs the requests; Ceph RGW and MinIO accept any region, us-east-1 by convention. */
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** An existing bucket; NghiemThu does not create it. */
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** true: `<endpoint>/<bucket>/…` (Ceph RGW, MinIO); false: `<bucket>.<endpoint host>/…` (AWS, or servers with bucket DNS). */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
});

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** Problems between STORAGE_BACKEND and the S3_* settings, which the field-by-field schema cannot see. */
function storageProblems(env: NodeJS.ProcessEnv): string[] {
  if (env.STORAGE_BACKEND !== 's3') {
    // S3 settings without the switch would quietly keep files on local disk, outside the backup planned for them.
    const stray = S3_REQUIRED.filter((name) => env[name]);
    return stray.length > 0 && (env.STORAGE_BACKEND ?? 'fs') === 'fs'
      ? [`${stray.join(', ')}: set, but STORAGE_BACKEND is not s3, so files would stay in DATA_DIR/files; set STORAGE_BACKEND=s3 or remove them`]
      : [];
  }
  const problems: string[] = [];
  const examples: Record<(typeof S3_REQUIRED)[number], string> = {
    S3_ENDPOINT: 'e.g. http://ceph-rgw.internal:7480',
    S3_BUCKET: 'an existing bucket, e.g. nghiemthu-files',
    S3_ACCESS_KEY_ID: 'the access key of a user allowed to read and write the bucket',
    S3_SECRET_ACCESS_KEY: 'that user\'s secret key',
  };
  for (const name of S3_REQUIRED) if (!env[name]) problems.push(`${name}: required when STORAGE_BACKEND=s3 (${examples[name]})`);
  if (env.S3_ENDPOINT && !/^https?:\/\/[^/\s]+/.test(env.S3_ENDPOINT)) problems.push('S3_ENDPOINT: must start with http:// or https://, e.g. http://ceph-rgw.internal:7480');
  // S3 bucket naming rules, which every S3-compatible server follows.
  if (env.S3_BUCKET && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(env.S3_BUCKET)) {
    problems.push('S3_BUCKET: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit');
  }
  return problems;
}

/** Problems between SMTP_* settings, which the field-by-field schema cannot see. */
function smtpProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (!env.SMTP_HOST) return problems;
  if (!env.SMTP_FROM) problems.push('SMTP_FROM: required when SMTP_HOST is set, e.g. "NghiemThu" <nghiemthu@example.gov.vn>');
  else if (!z.email().safeParse(/<([^<>]+)>\s*$/.exec(env.SMTP_FROM)?.[1] ?? env.SMTP_FROM.trim()).success) {
    problems.push('SMTP_FROM: not an e-mail address; write name@domain or "Name" <name@domain>');
  }
  if (!env.SMTP_USER !== !env.SMTP_PASSWORD) problems.push('SMTP_USER, SMTP_PASSWORD: set both (sign in to the mail server) or neither');
  return problems;
}

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
  publicBaseUrl: string;
  pdfFontDir: string;
  /** null: e-mail is off and notifications stay in the app. */
  smtp: SmtpConfig | null;
  storage: { kind: 'fs'; dir: string } | ({ kind: 's3' } & S3StorageConfig);
};

export type S3StorageConfig = {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export type SmtpConfig = {
  host: string;
  port: number;
  secure: boolean;
  auth: { user: string; password: string } | null;
  from: string;
  rejectUnauthorized: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...smtpProblems(env),
    ...storageProblems(env),
  ];
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
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
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    pdfFontDir: e.PDF_FONT_DIR,
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE === 'true',
          auth: e.SMTP_USER && e.SMTP_PASSWORD ? { user: e.SMTP_USER, password: e.SMTP_PASSWORD } : null,
          from: e.SMTP_FROM ?? '',
          rejectUnauthorized: e.SMTP_REJECT_UNAUTHORIZED === 'true',
        }
      : null,
    storage:
      e.STORAGE_BACKEND === 's3'
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT ?? '',
            region: e.S3_REGION,
            bucket: e.S3_BUCKET ?? '',
            accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
          }
        : { kind: 'fs', dir: path.join(dataDir, 'files') },
  };
}
