/**
 * Fills a database that already holds the demo province and a few real orders
 * (made through the API) with many acceptance dossiers, set-based
 * (INSERT … SELECT generate_series), so 100,000 take seconds, not hours.
 *
 * The shape follows a province a few years in (the clock of the test app
 * reads 15 January 2026):
 * - Orders: 12 monthly acceptance periods each, budget years 2022-2025, copies
 *   of the real orders' content (order_versions) with their own code, year,
 *   ordering agency and provider; one dossier per order and period, so the
 *   partial unique index on (order_id, period_no) for live dossiers holds.
 * - Ordering agencies: the demo officer's department (Science and Technology)
 *   30 %, the department it absorbed 5 %, the other departments, the People's
 *   Committee and communes the rest. Providers: the demo provider (Digital
 *   Transformation Centre) 45 %, the demo enterprise 25 %, three more 10 % each.
 * - States by the period's age: periods from August 2025 back are almost all
 *   paid (some rejected, withdrawn, awaiting payment); September to December
 *   2025 are in flight, from drafts and submissions (December) to councils and
 *   decisions (October). About 9 % of dossiers are live.
 * - Deadlines of live steps around today: 15 % overdue, 10 % due today or the
 *   next day, the rest later; never on a weekend.
 * - Codes `<agency code>-YYMMDD-NNNN` by submission day, null for drafts; two
 *   lines per dossier (the order's lines), quantities delivered and accepted,
 *   deductions on a fifth of decided dossiers.
 * - Councils of three from a pool of 33 members (the demo's three and 30
 *   more), appraisers among three officers of the ordering agency (the demo
 *   officer is one of Science and Technology's).
 * KPIs, files, comments and timelines are not generated: no list reads them.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../packages/server/src/db/client.js';

export type TemplateOrder = {
  id: string;
  lines: { lineNo: number; serviceId: string; serviceCode: string; serviceName: string; unit: string; unitPrice: number; quantity: string; amount: number }[];
};

export type Generated = {
  orders: number; dossiers: number; lines: number; councils: number; councilMembers: number; users: number;
  byState: Record<string, number>; overdue: number; seconds: Record<string, number>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function literal(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a number: ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

const uuid = (id: string) => {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id}'::uuid`;
};

/** A pseudo-random integer in [0, 1000) from a row number and a salt: deterministic, the same on PGlite and PostgreSQL. */
const draw = (row: string, salt: number) => `((hashint4(${row} * 16 + ${salt})::bigint + 2147483648) % 1000)`;

/** Slots 0..99 filled by weight, so `slot = draw % 100` picks with those weights. */
function slots<T>(weighted: [T, number][]): T[] {
  const result = weighted.flatMap(([value, weight]) => Array.from({ length: weight }, () => value));
  if (result.length !== 100) throw new Error(`weights must add up to 100, not ${result.length}`);
  return result;
}

export async function generateDossiers(root: Db, options: { dossiers: number; today: string; templates: TemplateOrder[] }): Promise<Generated> {
  // One transaction, with PostgreSQL's JIT off: the scratch tables have no statistics yet, so the planner's
  // estimates pass jit_above_cost and compiling the expressions took longer than running them (12 s for 5,000 rows).
  // Foreign keys hold by construction, so their per-row checks are skipped as a bulk load would (replica role).
  return root.transaction(async (db) => {
    await db.execute(sql`set local jit = off`);
    await db.execute(sql`set local session_replication_role = replica`);
    return generate(db as unknown as Db, options);
  });
}

async function generate(db: Db, options: { dossiers: number; today: string; templates: TemplateOrder[] }): Promise<Generated> {
  const { dossiers: total, today, templates } = options;
  if (!Number.isInteger(total) || total < 12) throw new Error('the number of dossiers must be an integer ≥ 12');
  if (!DAY.test(today)) throw new Error(`not a date: ${today}`);
  const seconds: Record<string, number> = {};
  const exec = (text: string) => db.execute(sql.raw(text));
  async function step(label: string, fn: () => Promise<unknown>) {
    const t0 = performance.now();
    await fn();
    seconds[label] = (seconds[label] ?? 0) + (performance.now() - t0) / 1000;
  }

  const agencies = await rows<{ id: string; code: string; short_name: string; code_scheme: string }>(db, sql`select id, code, short_name, code_scheme from agencies`);
  const byCode = (code: string) => {
    const found = agencies.find((a) => a.code === code);
    if (!found) throw new Error(`no demo agency ${code}`);
    return found;
  };
  const people = await rows<{ id: string; username: string; password_hash: string }>(db, sql`select id, username, password_hash from users`);
  const user = (username: string) => people.find((p) => p.username === username)!;
  const [officer, leader, provider] = [user('officer'), user('leader'), user('provider')];

  // Three more providers besides the demo's two.
  const enterprise = byCode('H99.DN.0000001');
  const newProviders = [
    { code: 'H99.DN.0000101', name: 'Công ty TNHH Dịch vụ Hạ tầng số Bình Sơn (minh họa)', short: 'HTSBS' },
    { code: 'H99.DN.0000102', name: 'Công ty Cổ phần Viễn thông An Bình (minh họa)', short: 'VTAB' },
    { code: 'H99.DN.0000103', name: 'Trung tâm Công nghệ thông tin và Truyền thông (minh họa)', short: 'TTCNTT' },
  ];
  const orderingSlots = slots<string>([
    ['000.00.11.H99', 30], ['000.00.12.H98', 5], ['000.00.01.H99', 10], ['000.00.00.H99', 10], ['000.00.03.H99', 10],
    ['000.00.05.H99', 10], ['000.00.02.H99', 5], ['000.00.31.H99', 10], ['000.00.32.H99', 10],
  ]);
  const providerSlots = slots<string>([['000.01.11.H99', 45], ['H99.DN.0000001', 25], ...newProviders.map((p) => [p.code, 10] as [string, number])]);
  const orderingCodes = [...new Set(orderingSlots)];

  await step('reference rows (agencies, users)', async () => {
    await exec(`insert into agencies (id, code, code_scheme, name, short_name, type, status, valid_from, created_at, updated_at)
      values ${newProviders.map((p) => `(gen_random_uuid(), ${literal(p.code)}, ${literal(enterprise.code_scheme)}, ${literal(p.name)}, ${literal(p.short)}, 'enterprise', 'active', '2020-01-01', now(), now())`).join(', ')}`);
    agencies.splice(0, agencies.length, ...(await rows<(typeof agencies)[number]>(db, sql`select id, code, short_name, code_scheme from agencies`)));
    // Two more officers per ordering agency (appraisers), 30 more council members.
    const hash = literal(officer.password_hash);
    await exec(`insert into users (id, username, full_name, password_hash, roles, agency_id, is_active, must_change_password, password_changed_at, created_at, updated_at)
      select gen_random_uuid(), 'bench_officer_' || a.n || '_' || k, 'Chuyên viên ' || a.n || '.' || k, ${hash}, array['officer'], a.id, true, false, now(), now(), now()
      from (values ${orderingCodes.map((code, n) => `(${n}, ${uuid(byCode(code).id)})`).join(', ')}) as a(n, id), generate_series(1, 2) k`);
    await exec(`insert into users (id, username, full_name, password_hash, roles, agency_id, is_active, must_change_password, password_changed_at, created_at, updated_at)
      select gen_random_uuid(), 'bench_council_' || lpad(k::text, 2, '0'), 'Thành viên hội đồng ' || k, ${hash}, array['council_member'],
        (array[${orderingCodes.map((code) => uuid(byCode(code).id)).join(', ')}])[1 + k % ${orderingCodes.length}], true, false, now(), now(), now()
      from generate_series(1, 30) k`);
  });

  await step('scratch tables', async () => {
    await exec(`create table bench_ordering (slot int primary key, agency_id uuid, code text, short_name text)`);
    await exec(`insert into bench_ordering values ${orderingSlots.map((code, slot) => `(${slot}, ${uuid(byCode(code).id)}, ${literal(code)}, ${literal(byCode(code).short_name)})`).join(', ')}`);
    await exec(`create table bench_provider (slot int primary key, agency_id uuid)`);
    await exec(`insert into bench_provider values ${providerSlots.map((code, slot) => `(${slot}, ${uuid(byCode(code).id)})`).join(', ')}`);
    // Appraisers: three officers per ordering agency, the demo officer being one of his department's.
    await exec(`create table bench_appraiser (agency_id uuid, k int, user_id uuid)`);
    await exec(`insert into bench_appraiser select agency_id, row_number() over (partition by agency_id order by username) - 1, id from (
        select u.agency_id, u.id, u.username from users u where u.username like 'bench_officer_%'
        union all select agency_id, id, 'bench_officer_0' from users where username = 'officer') x`);
    await exec(`insert into bench_appraiser select a.agency_id, 2, a.user_id from bench_appraiser a where a.k = 0
        and not exists (select 1 from bench_appraiser b where b.agency_id = a.agency_id and b.k = 2)`);
    await exec(`create table bench_pool (k int primary key, user_id uuid)`);
    await exec(`insert into bench_pool select row_number() over (order by username) - 1, id from users where 'council_member' = any(roles)`);
    await exec(`create table bench_template (t int, order_id uuid, line_no int, service_id uuid, service_code text, service_name text, unit text, unit_price bigint, quantity numeric, amount bigint)`);
    await exec(`insert into bench_template values ${templates.flatMap((tpl, t) => tpl.lines.map((l) =>
      `(${t}, ${uuid(tpl.id)}, ${l.lineNo}, ${uuid(l.serviceId)}, ${literal(l.serviceCode)}, ${literal(l.serviceName)}, ${literal(l.unit)}, ${l.unitPrice}, ${literal(l.quantity)}, ${l.amount})`)).join(', ')}`);
  });

  const orderCount = Math.ceil(total / 12);
  await step('orders and order versions', async () => {
    await exec(`create table bench_orders as
      select o, gen_random_uuid() as id, 2025 - o % 4 as year, o % ${templates.length} as t,
        ${draw('o', 1)} % 100 as ordering_slot, ${draw('o', 2)} % 100 as provider_slot
      from generate_series(0, ${orderCount - 1}) o`);
    await exec(`insert into orders (id, code, title, method, legal_regime, ordering_agency_id, provider_agency_id, budget_year, start_date, end_date, status, version, total_value, created_by, created_at, updated_at)
      select bo.id, og.short_name || '-DH-' || bo.year || '-' || lpad((bo.o + 1)::text, 5, '0'),
        (array['Đặt hàng dịch vụ vận hành LGSP và thư điện tử công vụ', 'Giao nhiệm vụ vận hành Cổng thông tin điện tử', 'Đặt hàng dịch vụ vận hành hạ tầng Trung tâm dữ liệu',
               'Đặt hàng dịch vụ giám sát an toàn thông tin', 'Đặt hàng dịch vụ vận hành phần mềm quản lý văn bản'])[1 + bo.o % 5] || ' năm ' || bo.year || ' (' || og.short_name || ', gói ' || (bo.o + 1) || ')',
        o.method, o.legal_regime, og.agency_id, pv.agency_id, bo.year, make_date(bo.year, 1, 1), make_date(bo.year, 12, 31),
        case when bo.year = 2025 then 'in_progress' when bo.year = 2024 then 'liquidated' else 'settled' end, 1, o.total_value, o.created_by,
        make_date(bo.year, 1, 5)::timestamp at time zone 'UTC', least(make_date(bo.year + 1, 2, 1), date ${literal(today)} - 1)::timestamp at time zone 'UTC'
      from bench_orders bo join bench_ordering og on og.slot = bo.ordering_slot join bench_provider pv on pv.slot = bo.provider_slot
        join (select distinct t, order_id from bench_template) tt on tt.t = bo.t join orders o on o.id = tt.order_id`);
    await exec(`insert into order_versions (order_id, version, content, total_value, created_by, created_at)
      select bo.id, 1, v.content, v.total_value, v.created_by, make_date(bo.year, 1, 5)::timestamp at time zone 'UTC'
      from bench_orders bo join (select distinct t, order_id from bench_template) tt on tt.t = bo.t join order_versions v on v.order_id = tt.order_id and v.version = 1`);
  });

  await step('dossiers', async () => {
    const deadlined = `('submitted', 'supplement_requested', 'received', 'in_appraisal', 'in_council', 'awaiting_decision', 'approved')`;
    const decided = `('approved', 'minutes_issued', 'paid', 'rejected')`;
    const accepted = `('approved', 'minutes_issued', 'paid')`;
    await exec(`create table bench_d as
      with g as (
        select g - 1 as i, (g - 1) / 12 as o, (g - 1) % 12 + 1 as period_no,
          ${draw('g', 3)} as r1, ${draw('g', 4)} as r2, ${draw('g', 5)} as r3, ${draw('g', 6)} as r4
        from generate_series(1, ${total}) g
      ), aged as (
        select g.*, bo.id as order_id, bo.year, bo.t, og.agency_id as ordering_id, og.code as ordering_code, pv.agency_id as provider_id,
          (2025 - bo.year) * 12 + (12 - g.period_no) as age, make_date(bo.year, g.period_no, 1) as period_start,
          (make_date(bo.year, g.period_no, 1) + interval '1 month' - interval '1 day')::date as period_end
        from g join bench_orders bo on bo.o = g.o join bench_ordering og on og.slot = bo.ordering_slot join bench_provider pv on pv.slot = bo.provider_slot
      ), stated as (
        select a.*, case
          when age >= 4 then case when r1 < 930 then 'paid' when r1 < 960 then 'rejected' when r1 < 980 then 'withdrawn' else 'minutes_issued' end
          when age = 3 then case when r1 < 600 then 'paid' when r1 < 800 then 'minutes_issued' when r1 < 900 then 'approved' when r1 < 950 then 'awaiting_decision' when r1 < 980 then 'rejected' else 'withdrawn' end
          when age = 2 then case when r1 < 300 then 'in_council' when r1 < 500 then 'awaiting_decision' when r1 < 700 then 'approved' when r1 < 850 then 'minutes_issued' when r1 < 950 then 'in_appraisal' when r1 < 980 then 'rejected' else 'withdrawn' end
          when age = 1 then case when r1 < 400 then 'in_appraisal' when r1 < 650 then 'in_council' when r1 < 800 then 'received' when r1 < 900 then 'supplement_requested' when r1 < 980 then 'submitted' else 'withdrawn' end
          else case when r1 < 250 then 'draft' when r1 < 600 then 'submitted' when r1 < 750 then 'supplement_requested' when r1 < 900 then 'received' when r1 < 980 then 'in_appraisal' else 'withdrawn' end
        end as state
        from aged a
      ), due as (
        select s.*,
          case when state in ${deadlined} then date ${literal(today)} + (case when r2 < 150 then -1 - r3 % 20 when r2 < 250 then r3 % 2 else 2 + r3 % 11 end)::int end as raw_due,
          case when state <> 'draft' then period_end + 1 + (r2 % 7)::int end as submitted_day
        from stated s
      )
      select gen_random_uuid() as id, d.*,
        d.raw_due + case extract(isodow from d.raw_due) when 6 then 2 when 7 then 1 else 0 end as step_due_date,
        state in ${decided} as is_decided,
        state in ('in_council', 'awaiting_decision', 'approved', 'minutes_issued', 'paid', 'rejected') or (state = 'in_appraisal' and r4 < 700) as has_council,
        state in ('in_appraisal', 'in_council', 'awaiting_decision', 'approved', 'minutes_issued', 'paid', 'rejected') as has_appraiser,
        case when state in ${accepted} and r4 < 200 then (select amount from bench_template bt where bt.t = d.t and bt.line_no = 1) * 2 / 100 else 0 end as deduction
      from due d`);
    await exec(`insert into dossiers (id, code, order_id, order_version, period_no, period_label, period_start, period_end, ordering_agency_id, provider_agency_id,
        state, completion_report, self_assessment, appraiser_id, appraisal_remarks, council_summary, supplement_rounds, step_started_at, step_due_date, step_extended,
        planned_value, deduction_total, accepted_value, paid_total, conclusion, conclusion_text, decided_at, decided_by, submitted_at, created_by, created_at, updated_at)
      select d.id,
        case when d.submitted_day is not null then d.ordering_code || '-' || to_char(d.submitted_day, 'YYMMDD') || '-'
          || lpad((row_number() over (partition by d.ordering_id, d.submitted_day order by d.i))::text, 4, '0') end,
        d.order_id, 1, d.period_no, 'Tháng ' || lpad(d.period_no::text, 2, '0') || '/' || d.year, d.period_start, d.period_end, d.ordering_id, d.provider_id,
        d.state,
        case when d.state = 'draft' and d.r2 < 500 then '' else 'Báo cáo kết quả thực hiện dịch vụ tháng ' || d.period_no || '/' || d.year || ': hệ thống vận hành ổn định.' end,
        case when d.state = 'draft' and d.r2 < 500 then '' else 'Đơn vị tự đánh giá hoàn thành khối lượng và chỉ tiêu chất lượng.' end,
        case when d.has_appraiser then (select user_id from bench_appraiser a where a.agency_id = d.ordering_id and a.k = d.r3 % 3) end,
        case when d.has_council and d.state <> 'in_appraisal' and d.state <> 'in_council' then 'Khối lượng đạt theo hồ sơ.' end,
        case when d.state in ('awaiting_decision', 'approved', 'minutes_issued', 'paid', 'rejected') then 'Hội đồng thống nhất đề nghị.' end,
        case when d.state = 'supplement_requested' or (d.state <> 'draft' and d.r4 < 150) then 1 else 0 end,
        coalesce((d.step_due_date - 5)::timestamp, (coalesce(d.submitted_day, d.period_end) + case when d.is_decided then 20 else 0 end)::timestamp) at time zone 'UTC' + interval '2 hours',
        d.step_due_date, d.step_due_date is not null and d.r4 % 20 = 0,
        (select sum(amount) from bench_template bt where bt.t = d.t),
        case when d.is_decided then d.deduction end,
        case when d.state in ${accepted} then (select sum(amount) from bench_template bt where bt.t = d.t) - d.deduction end,
        case when d.state = 'paid' then (select sum(amount) from bench_template bt where bt.t = d.t) - d.deduction else 0 end,
        case when d.state in ${accepted} then 'accepted' when d.state = 'rejected' then 'not_accepted' end,
        case when d.is_decided then 'Kết luận của lãnh đạo đơn vị đặt hàng.' end,
        case when d.is_decided then (d.submitted_day + 20)::timestamp at time zone 'UTC' + interval '3 hours' end,
        case when d.is_decided then ${uuid(leader.id)} end,
        (d.submitted_day::timestamp at time zone 'UTC') + interval '2 hours',
        ${uuid(provider.id)},
        (d.period_end - 3)::timestamp at time zone 'UTC' + interval '2 hours',
        (case when d.step_due_date is not null then d.step_due_date - 5
              when d.state = 'paid' then d.submitted_day + 30 when d.is_decided then d.submitted_day + 20
              when d.state = 'withdrawn' then coalesce(d.submitted_day, d.period_end) + 2
              else d.period_end - 3 + (d.r2 % 5)::int end)::timestamp at time zone 'UTC' + interval '4 hours'
      from bench_d d`);
  });

  await step('dossier lines', async () => {
    await exec(`insert into dossier_lines (dossier_id, line_no, service_id, service_code, service_name, unit, unit_price, planned_quantity, planned_value,
        delivered_quantity, accepted_quantity, deduction, accepted_value)
      select d.id, l.line_no, l.service_id, l.service_code, l.service_name, l.unit, l.unit_price, l.quantity, l.amount,
        case when d.state <> 'draft' or d.r2 >= 500 then l.quantity end,
        case when d.is_decided or d.state in ('in_council', 'awaiting_decision') then l.quantity end,
        case when l.line_no = 1 then d.deduction else 0 end,
        case when d.state in ('approved', 'minutes_issued', 'paid') then l.amount - case when l.line_no = 1 then d.deduction else 0 end end
      from bench_d d join bench_template l on l.t = d.t`);
  });

  await step('councils and members', async () => {
    const pool = (await rows<{ n: number }>(db, sql`select count(*)::int as n from bench_pool`))[0]!.n;
    await exec(`create table bench_c as select gen_random_uuid() as id, d.id as dossier_id, d.state, d.submitted_day, d.r3, d.r4, d.i from bench_d d where d.has_council`);
    await exec(`insert into councils (id, dossier_id, decision_number, decision_date, quorum, created_by, created_at)
      select c.id, c.dossier_id, (c.i % 900 + 1) || '/QĐ-HĐNT', c.submitted_day + 5, 2, ${uuid(officer.id)}, (c.submitted_day + 5)::timestamp at time zone 'UTC' + interval '2 hours'
      from bench_c c`);
    await exec(`insert into council_members (council_id, user_id, role, has_conflict, declared_at, voted_at)
      select c.id, p.user_id, m.role, case when c.state = 'in_appraisal' and ${draw('c.i', 7)} < 500 then null else false end,
        case when c.state = 'in_appraisal' and ${draw('c.i', 7)} < 500 then null else (c.submitted_day + 6)::timestamp at time zone 'UTC' + interval '2 hours' end,
        case when c.state = 'in_appraisal' or (c.state = 'in_council' and ${draw('c.i * 3 + m.j', 8)} < 500) then null
             else (c.submitted_day + 12)::timestamp at time zone 'UTC' + interval '2 hours' end
      from bench_c c cross join (values (0, 'chair'), (1, 'secretary'), (2, 'member')) as m(j, role)
        join bench_pool p on p.k = (c.r3 + m.j * (1 + c.r4 % ${Math.floor((pool - 1) / 2)})) % ${pool}`);
  });

  await step('analyze', async () => {
    for (const table of ['bench_d', 'bench_c', 'bench_orders', 'bench_ordering', 'bench_provider', 'bench_appraiser', 'bench_pool', 'bench_template']) await exec(`drop table ${table}`);
    // A live database has statistics (autovacuum); a freshly loaded one needs them before its plans mean anything.
    await exec('analyze');
  });

  const counted = await rows<Record<string, number>>(db, sql`select
    (select count(*)::int from orders) as orders, (select count(*)::int from dossiers) as dossiers, (select count(*)::int from dossier_lines) as lines,
    (select count(*)::int from councils) as councils, (select count(*)::int from council_members) as council_members, (select count(*)::int from users) as users`);
  const c = counted[0]!;
  const states = await rows<{ state: string; n: number }>(db, sql`select state, count(*)::int as n from dossiers group by state order by 2 desc`);
  const [late] = await rows<{ n: number }>(db, sql`select count(*)::int as n from dossiers where step_due_date < ${today} and state not in ('draft', 'paid', 'rejected', 'withdrawn')`);
  return {
    orders: c.orders!, dossiers: c.dossiers!, lines: c.lines!, councils: c.councils!, councilMembers: c.council_members!, users: c.users!,
    byState: Object.fromEntries(states.map((s) => [s.state, s.n])), overdue: late!.n, seconds,
  };
}
