import path from 'node:path';
import { Command, Option } from 'commander';
import { eq } from 'drizzle-orm';
import { checkAgencyCode, type AgencyType } from '@nghiemthu/shared';
import { ConfigError, loadConfig } from './config.js';
import { agencies } from './db/schema.js';
import { backUp } from './features/backup/backup.service.js';
import { restoreInto } from './features/backup/restore-target.js';
import { SYSTEM_ACTOR, seedDemo } from './features/demo/demo.service.js';
import { DataDirInUseError } from './lib/data-dir-lock.js';
import { AppError } from './lib/errors.js';
import { translate } from '@nghiemthu/shared';
import { openRuntime, type Runtime } from './runtime.js';
import { createServices } from './services.js';

/** Progress on stderr, so stdout stays clean for scripts. */
function progressLine(label: string) {
  return (done: number, total: number) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    process.stderr.write(`\r${label}: ${done}/${total} (${percent}%)`);
    if (done >= total) process.stderr.write('\n');
  };
}

/** Sizes as people read them: 2,3 MiB in Vietnamese, 2.3 MiB in English. */
function size(bytes: number, language: 'vi' | 'en'): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  for (; value >= 1024 && unit < units.length - 1; unit += 1) value /= 1024;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

const count = (n: number, language: 'vi' | 'en') => new Intl.NumberFormat(language).format(n);

/**
 * A folder typed on the command line: npm runs the CLI inside packages/server,
 * so a relative path means relative to where the person typed the command
 * (INIT_CWD, which npm sets; the same rule config.ts applies to DATA_DIR).
 */
const typedPath = (dir: string) => path.resolve(process.env.INIT_CWD ?? process.cwd(), dir);

async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(loadConfig());
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

const source = (command: string) => ({ actor: null, ip: null, userAgent: `nghiemthu cli ${command}` });

const program = new Command()
  .name('nghiemthu')
  .description('NghiemThu command-line tool. Uses DATA_DIR / DATABASE_URL like the server; stop the server first when on the embedded database.')
  .showHelpAfterError();

program
  .command('migrate')
  .description('Apply database migrations (the server also does this at start)')
  .action(() => withRuntime(async () => console.log('Migrations applied.')));

program
  .command('create-admin')
  .description('Create a system administrator; creates the top agency too if the registry is empty')
  .requiredOption('--username <username>', 'sign-in name (lower-case letters, digits, . _ -)')
  .requiredOption('--full-name <name>', 'full name')
  .requiredOption('--password <password>', 'initial password (at least 10 characters; must be changed at first sign-in)')
  .requiredOption('--agency-code <code>', 'electronic identification code of the agency the admin belongs to')
  .option('--agency-name <name>', 'name of that agency, if it must be created')
  .option('--agency-short-name <abbr>', 'abbreviation of that agency, if it must be created')
  .addOption(new Option('--agency-type <type>', 'type of that agency, if it must be created').choices(['peoples_committee', 'department', 'public_service_unit', 'enterprise', 'commune']).default('peoples_committee'))
  .action((options) =>
    withRuntime(async (runtime) => {
      const services = createServices(runtime.deps);
      const check = checkAgencyCode(options.agencyCode);
      if (!check.isValid) throw new AppError('VALIDATION_FAILED', check.problem);
      let [agency] = await runtime.deps.database.db.select().from(agencies).where(eq(agencies.code, check.code));
      if (!agency) {
        if (!options.agencyName || !options.agencyShortName) {
          throw new Error(`No agency has code ${check.code}; give --agency-name and --agency-short-name to create it.`);
        }
        const created = await services.agencies.create(SYSTEM_ACTOR, {
          code: check.code,
          name: options.agencyName,
          shortName: options.agencyShortName,
          type: options.agencyType as AgencyType,
          parentId: null,
          validFrom: new Date().toISOString().slice(0, 10),
        }, source('create-admin'));
        console.log(`Created agency ${created.code} ${created.name}.`);
        [agency] = await runtime.deps.database.db.select().from(agencies).where(eq(agencies.id, created.id));
      }
      const user = await services.users.create(SYSTEM_ACTOR, {
        username: options.username,
        fullName: options.fullName,
        email: null,
        roles: ['system_admin'],
        agencyId: agency!.id,
        password: options.password,
      }, source('create-admin'));
      console.log(`Created system administrator ${user.username} in ${user.agency.name}; the password must be changed at first sign-in.`);
    }),
  );

program
  .command('seed-demo')
  .description('Load the fictional demo province and its acceptance history (only into an installation without it)')
  .option('--no-history', 'the province, users and catalogue only, without orders and dossiers')
  .action((options: { history: boolean }) =>
    withRuntime(async (runtime) => {
      const outcome = await seedDemo(runtime.deps, { userAgent: 'nghiemthu cli seed-demo', acceptance: options.history });
      const messages = {
        seeded: 'Demo data loaded: Tỉnh An Bình (dữ liệu minh họa). Demo accounts use the password nghiemthu-demo.',
        alreadyLoaded: 'Demo data is already loaded.',
        notEmpty: 'Not loaded: agencies or users with the demo codes or usernames already exist.',
      } as const;
      console.log(messages[outcome]);
      if (outcome === 'notEmpty') process.exitCode = 1;
    }),
  );

program
  .command('verify')
  .description('Check the audit log hash chain, the seals of closed records and the bytes of every stored file; exits 1 and names what was tampered with')
  .option('--json', 'print the result as JSON')
  .action((options) =>
    withRuntime(async (runtime) => {
      const services = createServices(runtime.deps);
      const audit = await services.audit.verify(progressLine('Audit chain / Chuỗi nhật ký'));
      const records = await services.records.verifySeals(progressLine('Record seals / Niêm phong hồ sơ'));
      const files = await services.integrity.sweep({}, null, progressLine('Stored files / Tệp lưu trữ'));
      const isIntact = audit.isIntact && records.broken.length === 0 && files.faulty.length === 0;
      if (options.json) {
        console.log(JSON.stringify({ isIntact, audit, records, files }, null, 2));
      } else {
        if (audit.isIntact) {
          console.log(`Audit chain intact: ${audit.checked} events, head #${audit.headSeq} ${audit.headHash}`);
          console.log(`Chuỗi nhật ký toàn vẹn: ${audit.checked} sự kiện. Ghi lại mã đầu chuỗi ở nơi khác để phát hiện việc cắt bỏ phần cuối.`);
        } else {
          const broken = audit.firstBroken!;
          console.log(`AUDIT CHAIN BROKEN at event #${broken.seq}${broken.id ? ` (${broken.id})` : ''}: ${broken.problem}; ${audit.checked} events before it are intact.`);
          console.log(`CHUỖI NHẬT KÝ BỊ PHÁ VỠ tại sự kiện #${broken.seq}: ${broken.problem}.`);
        }
        console.log(`Record seals: ${records.checked} closed records, ${records.broken.length} broken / Niêm phong: ${records.checked} hồ sơ, ${records.broken.length} sai lệch`);
        for (const broken of records.broken) console.log(`  RECORD ${broken.code}: ${broken.problem}`);
        console.log(`Stored files: ${files.filesChecked} checked, ${files.faulty.length} faulty / Tệp: ${files.filesChecked} đã kiểm tra, ${files.faulty.length} lỗi`);
        for (const faulty of files.faulty) console.log(`  FILE ${faulty.sha256} (${faulty.fileNames.join(', ')}): ${faulty.problem}${faulty.records.length ? `; records ${faulty.records.join(', ')}` : ''}`);
      }
      if (!isIntact) process.exitCode = 1;
    }),
  );

program
  .command('backup')
  .description('Back up the database and every stored file into <dir>: a new run folder each time, while files already in <dir>/files are not copied again')
  .argument('<dir>', 'the backup folder (a disk or mount other than DATA_DIR), e.g. /srv/backup/nghiemthu')
  .action((dir: string) =>
    withRuntime(async (runtime) => {
      const done = await backUp(runtime.deps, typedPath(dir), {
        database: progressLine('Database tables / Bảng CSDL'),
        files: progressLine('Files / Tệp'),
      });
      const { files } = done;
      console.log(`Backup complete: ${done.runDir}`);
      console.log(`  Database: ${done.tables} tables, ${count(done.rows, 'en')} rows, dump ${size(done.dumpBytes, 'en')}`);
      console.log(`  Files: ${count(files.count, 'en')} (${size(files.bytes, 'en')}): ${count(files.copied, 'en')} copied (${size(files.copiedBytes, 'en')}), ${count(files.alreadyPresent, 'en')} already in the backup folder`);
      console.log(`Sao lưu xong: ${done.runDir}`);
      console.log(`  CSDL: ${done.tables} bảng, ${count(done.rows, 'vi')} dòng, bản kết xuất ${size(done.dumpBytes, 'vi')}`);
      console.log(`  Tệp: ${count(files.count, 'vi')} (${size(files.bytes, 'vi')}): sao chép ${count(files.copied, 'vi')} (${size(files.copiedBytes, 'vi')}), ${count(files.alreadyPresent, 'vi')} đã có trong thư mục sao lưu`);
      if (files.absent > 0) {
        console.log(`  ${files.absent} files the database refers to are not in the store (destroyed by a disposition, or lost: run verify); the backup records them as absent.`);
        console.log(`  ${files.absent} tệp được CSDL tham chiếu không có trong kho (đã tiêu hủy theo quyết định, hoặc bị mất: chạy verify); bản sao lưu ghi nhận là không có.`);
      }
    }),
  );

program
  .command('restore')
  .description('Restore the newest complete backup run in <dir> (or the one given with --run) into an empty DATA_DIR, or an empty database with DATABASE_URL; then run verify')
  .argument('<dir>', 'the backup folder given to backup')
  .option('--run <name>', 'the run folder to restore instead of the newest, e.g. 20261122T204512Z')
  .action(async (dir: string, options: { run?: string }) => {
    const done = await restoreInto(loadConfig(), typedPath(dir), { run: options.run }, {
      files: progressLine('Files / Tệp'),
      database: progressLine('Database tables / Bảng CSDL'),
    });
    const { files } = done;
    console.log(`Restore complete: run ${done.run} (backed up ${done.createdAt}): ${done.tables} tables, ${count(done.rows, 'en')} rows; ${count(files.count, 'en')} files (${size(files.bytes, 'en')}), ${count(files.alreadyPresent, 'en')} of them already in the store${files.absent ? `; ${files.absent} were already absent when backed up` : ''}.`);
    console.log(`Phục hồi xong: bản ${done.run} (sao lưu lúc ${done.createdAt}): ${done.tables} bảng, ${count(done.rows, 'vi')} dòng; ${count(files.count, 'vi')} tệp (${size(files.bytes, 'vi')}), ${count(files.alreadyPresent, 'vi')} tệp đã có sẵn trong kho${files.absent ? `; ${files.absent} tệp đã không có từ lúc sao lưu` : ''}.`);
    console.log('Next / Tiếp theo: npm run cli -- verify');
  });

program.parseAsync().catch((error) => {
  if (error instanceof AppError) console.error(translate('vi', error.key, error.params), '/', translate('en', error.key, error.params));
  else if (error instanceof ConfigError || error instanceof DataDirInUseError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
