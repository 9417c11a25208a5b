import { Command, Option } from 'commander';
import { eq } from 'drizzle-orm';
import { checkAgencyCode, type AgencyType } from '@nghiemthu/shared';
import { ConfigError, loadConfig } from './config.js';
import { agencies } from './db/schema.js';
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

program.parseAsync().catch((error) => {
  if (error instanceof AppError) console.error(translate('vi', error.key, error.params), '/', translate('en', error.key, error.params));
  else if (error instanceof ConfigError || error instanceof DataDirInUseError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
