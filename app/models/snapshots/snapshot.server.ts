import { documentsSnapshotSections } from "~/models/procurement/snapshot-sections.server";
import { and, asc, desc, eq, lt, or } from "drizzle-orm";
import { dateProblem } from "~/domain/core/bounds";
import { snapshot, type SnapshotKind } from "#db/schema";
import { formatDate, isIsoDate } from "~/domain/core/dates";
import { gateCountdown, type ItemState } from "~/domain/plan/status";
import { isMessageKey, translate } from "~/i18n";
import { SNAPSHOT_FORMAT, type FinanceSection, type KeyedTable, type SnapshotContent } from "~/domain/snapshots/snapshot-content";
import { diffSnapshots } from "~/domain/snapshots/snapshot-diff";
import { sealSnapshot, verifySnapshotText } from "~/domain/snapshots/snapshot-hash";
import { requirePermission, type Actor } from "~/models/core/actor.server";
import { auditHead, verifyAnchors, verifyAuditChain, type AuditAnchor } from "~/models/audit/audit.server";
import { verifyLedgerMonths } from "~/models/finance/ledger-month-check.server";
import { command, type AuditAppender } from "~/models/core/command.server";
import { getDb, nowIso, type Conn } from "~/models/core/db.server";
import { NotFoundError, ValidationError } from "~/models/core/errors.server";
import { assessLoadedPlan, getPlan } from "~/models/plan/plan.server";
import { listIndicators } from "~/models/indicators/indicator.server";
import { getCurrentProgramme, type Programme } from "~/models/plan/programme.server";
import { getSpendSummary, getSpendTable } from "~/models/finance/spend.server";
import { getRolloutOverview } from "~/models/training/rollout.server";
import { compareCodes } from "~/domain/core/intl-cache";

export type SnapshotRow = typeof snapshot.$inferSelect;
export type SnapshotSummary = Omit<SnapshotRow, "content">;

/** The scheduler that runs the month-end command acts as a programme manager, under its own name. */
export const schedulerActor: Actor = { id: 0, name: "Pianificatore di fine mese", role: "manager" };

const MONTHS_IT = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

// ---------------------------------------------------------------- sections

/**
 * Each section of a snapshot is built by one function from the live data as of `asOf`. A section
 * whose feature the programme does not have (yet) yields null; adding one never changes the
 * others, so old snapshots keep their hashes.
 */
interface SectionContext {
  actor: Actor;
  programme: Programme;
  asOf: string;
}

function planAndGatesSection({ actor, programme, asOf }: SectionContext): Pick<SnapshotContent, "gates" | "plan"> {
  const plan = getPlan(actor, programme.id);
  const assessment = assessLoadedPlan(plan, asOf);
  const codeOfKey = new Map<string, string>([
    ...plan.tasks.map((t) => [`t${t.id}`, t.code] as const),
    ...plan.milestones.map((m) => [`m${m.id}`, m.code] as const),
  ]);
  const gates = plan.gates.map((gate) => {
    const counts: Record<ItemState, number> = { done: 0, on_track: 0, at_risk: 0, late: 0 };
    for (const wp of plan.workPackages) if (wp.gateId === gate.id) counts[assessment.workPackages.get(wp.id)!.state]++;
    for (const m of plan.milestones) if (m.gateId === gate.id) counts[assessment.milestones.get(m.id)!]++;
    return {
      id: gate.id,
      code: gate.code,
      name: gate.name,
      nameEn: gate.nameEn,
      dueDate: gate.dueDate,
      state: assessment.gates.get(gate.id)!,
      daysRemaining: gateCountdown(gate.dueDate, asOf).daysRemaining,
      counts,
    };
  });
  return {
    gates,
    plan: {
      overallProgress: assessment.overallProgress,
      workPackages: plan.workPackages.map((wp) => ({
        id: wp.id,
        code: wp.code,
        title: wp.title,
        owner: wp.owner,
        startDate: wp.startDate,
        endDate: wp.endDate,
        gateId: wp.gateId,
        progress: assessment.workPackages.get(wp.id)!.progress,
        state: assessment.workPackages.get(wp.id)!.state,
      })),
      tasks: plan.tasks.map((t) => ({
        id: t.id,
        code: t.code,
        workPackageId: t.workPackageId,
        title: t.title,
        owner: t.owner,
        startDate: t.startDate,
        endDate: t.endDate,
        progress: t.progress,
        status: t.status,
        state: assessment.tasks.get(t.id)!,
      })),
      milestones: plan.milestones.map((m) => ({
        id: m.id,
        code: m.code,
        workPackageId: m.workPackageId,
        title: m.title,
        dueDate: m.dueDate,
        achievedDate: m.achievedDate,
        euCode: m.euCode,
        gateId: m.gateId,
        state: assessment.milestones.get(m.id)!,
      })),
      dependencies: plan.dependencies
        .map((dep) => ({ from: codeOfKey.get(dep.predecessorKey) ?? dep.predecessorKey, to: codeOfKey.get(dep.successorKey) ?? dep.successorKey }))
        .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    },
  };
}

/**
 * Budget lines and spend aggregates up to `asOf`, from the finance module's spend-vs-plan reads
 * (monthly totals kept by the ledger trigger plus the as-of month's entries): aggregates only,
 * never the ledger rows themselves. Null when the programme has no budget lines.
 */
function financeSection({ actor, programme, asOf }: SectionContext): FinanceSection | null {
  const table = getSpendTable(actor, programme.id, asOf, Number(asOf.slice(0, 4)));
  const lines = table.workPackages.flatMap((wp) => wp.lines.map((line) => ({ ...line, workPackageId: wp.id })));
  if (lines.length === 0) return null;
  const summary = getSpendSummary(actor, programme.id, asOf);
  const figures = (toDate: { budget: number; plannedToDate: number; committed: number; paid: number }) => ({
    budgetCents: toDate.budget,
    plannedToDateCents: toDate.plannedToDate,
    committedCents: toDate.committed,
    paidCents: toDate.paid,
  });
  return {
    budgetLines: lines
      .map((line) => ({ id: line.id, code: line.code, title: line.title, workPackageId: line.workPackageId, ...figures(line.toDate) }))
      .sort((a, b) => compareCodes(a.code, b.code)),
    byWorkPackage: table.workPackages.map((wp) => ({ workPackageId: wp.id, workPackageCode: wp.code, ...figures(wp.toDate) })),
    totals: figures(table.total.toDate),
    months: summary.months
      .filter((m) => m.planned !== 0 || m.committed !== 0 || m.paid !== 0)
      .map((m) => ({ month: m.month, plannedCents: m.planned, committedCents: m.committed, paidCents: m.paid })),
    entryCount: countLedgerEntries(programme.id, asOf),
  };
}

/** Ledger entries dated up to `asOf`: closed months from the trigger-kept counts, the rest counted. */
function countLedgerEntries(programmeId: number, asOf: string) {
  const client = getDb().$client;
  const month = asOf.slice(0, 7);
  const closed = client
    .prepare("select coalesce(sum(m.entry_count), 0) as n from ledger_month m join budget_line l on l.id = m.budget_line_id where l.programme_id = ? and m.month < ?")
    .get(programmeId, month) as { n: number };
  const open = client
    .prepare("select count(*) as n from ledger_entry e join budget_line l on l.id = e.budget_line_id where l.programme_id = ? and e.entry_date between ? and ?")
    .get(programmeId, `${month}-01`, asOf) as { n: number };
  return closed.n + open.n;
}

const it = (key: string) => (isMessageKey(key) ? translate("it", key) : key);
const rounded = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** Training rollout by professional group and by health authority, with the programme total. */
function trainingSection({ actor, programme, asOf }: SectionContext): KeyedTable | null {
  const overview = getRolloutOverview(actor, programme.id, asOf);
  if (overview.matrix.total.waveCount === 0) return null;
  const row = (key: string, label: string, cell: (typeof overview.matrix.total)) => ({
    key,
    label,
    values: {
      waves: cell.waveCount,
      planned: cell.planned,
      expected: Math.round(cell.expected),
      trained: cell.trained,
      coverage: cell.coverage === null ? null : rounded(cell.coverage * 100),
      lagging: cell.lagging ? "sì" : "no",
    },
  });
  return {
    columns: [
      { key: "waves", label: "Edizioni", kind: "number" },
      { key: "planned", label: "Da formare", kind: "number" },
      { key: "expected", label: "Attesi alla data", kind: "number" },
      { key: "trained", label: "Formati", kind: "number" },
      { key: "coverage", label: "Copertura", kind: "percent" },
      { key: "lagging", label: "In ritardo", kind: "text" },
    ],
    rows: [
      ...overview.groups.filter((group) => overview.matrix.byGroup[group].waveCount > 0).map((group) => row(`group:${group}`, it(`training.group.${group}`), overview.matrix.byGroup[group])),
      ...overview.authorities.filter((a) => overview.matrix.byAuthority[a.id]?.waveCount).map((a) => row(`authority:${a.code}`, a.name, overview.matrix.byAuthority[a.id])),
      row("total", "Totale programma", overview.matrix.total),
    ],
  };
}

/** PNRR indicators with their baseline, target, latest measurement and status as of the date. */
function indicatorSection({ actor, programme, asOf }: SectionContext): KeyedTable | null {
  const indicators = listIndicators(actor, programme.id, asOf);
  if (indicators.length === 0) return null;
  return {
    columns: [
      { key: "euCode", label: "Codice PNRR", kind: "text" },
      { key: "unit", label: "Unità", kind: "text" },
      { key: "baseline", label: "Valore di base", kind: "number" },
      { key: "target", label: "Target", kind: "number" },
      { key: "dueDate", label: "Scadenza", kind: "date" },
      { key: "latest", label: "Ultimo valore", kind: "number" },
      { key: "latestDate", label: "Rilevato il", kind: "date" },
      { key: "expected", label: "Atteso alla data", kind: "number" },
      { key: "status", label: "Stato", kind: "text" },
    ],
    rows: indicators.map((ind) => ({
      key: ind.code,
      label: `${ind.code} ${ind.name}`,
      values: {
        euCode: ind.euCode ?? ind.catalogueCode ?? null,
        unit: ind.unit === "percent" ? "%" : ind.unit === "count" ? "n." : "valore",
        baseline: ind.baseline,
        target: ind.targetValue,
        dueDate: ind.dueDate,
        latest: ind.latest?.value ?? null,
        latestDate: ind.latest?.date ?? null,
        expected: rounded(ind.expected, 2),
        status: it(ind.achieved ? "training.indicator.status.achieved" : `training.indicator.status.${ind.status}`),
      },
    })),
  };
}

function programmeSection(programme: Programme): SnapshotContent["programme"] {
  return {
    id: programme.id,
    slug: programme.slug,
    name: programme.name,
    cup: programme.cup,
    measureCode: programme.measureCode,
    implementingBody: programme.implementingBody,
    executingPartner: programme.executingPartner,
    totalBudgetCents: programme.totalBudgetCents,
    startDate: programme.startDate,
    endDate: programme.endDate,
  };
}

/** The whole content as it would be frozen now, for `asOf`. */
function buildContent(actor: Actor, meta: Omit<SnapshotContent["meta"], "format">): SnapshotContent {
  const programme = getCurrentProgramme(actor);
  const context: SectionContext = { actor, programme, asOf: meta.asOf };
  return {
    meta: { format: SNAPSHOT_FORMAT, ...meta },
    programme: programmeSection(programme),
    ...planAndGatesSection(context),
    finance: financeSection(context),
    training: trainingSection(context),
    indicators: indicatorSection(context),
    ...documentsSnapshotSections(getDb(), programme.id),
  };
}

// ---------------------------------------------------------------- writes

export interface TakeSnapshotInput {
  label: string;
  asOf: string;
  kind?: SnapshotKind;
}

function insertSnapshot(tx: Conn, actor: Actor, audit: AuditAppender, input: Required<TakeSnapshotInput> & { period: string | null }) {
  const takenAt = nowIso();
  // The chain's head goes into the hashed content: whoever holds the snapshot's hash holds the head.
  const content = buildContent(actor, { label: input.label, kind: input.kind, asOf: input.asOf, takenAt, takenBy: actor.name, auditHead: auditHead(tx) });
  const sealed = sealSnapshot(content);
  const created = tx
    .insert(snapshot)
    .values({
      programmeId: content.programme.id,
      label: input.label,
      kind: input.kind,
      asOf: input.asOf,
      period: input.period,
      takenAt,
      takenById: actor.id || null,
      takenByName: actor.name,
      content: sealed.text,
      hash: sealed.hash,
      sizeBytes: sealed.sizeBytes,
    })
    .returning({ id: snapshot.id, label: snapshot.label, hash: snapshot.hash, sizeBytes: snapshot.sizeBytes, asOf: snapshot.asOf, kind: snapshot.kind })
    .get();
  // Snapshots are immutable (a trigger refuses UPDATE): no version, a plain insert and its record.
  audit({
    action: "create",
    entityType: "snapshot",
    entityId: created.id,
    entityLabel: created.label,
    after: { label: created.label, kind: created.kind, asOf: created.asOf, hash: created.hash, sizeBytes: created.sizeBytes },
  });
  return created;
}

function checkInput(input: TakeSnapshotInput) {
  const label = input.label.trim();
  const issues = [];
  if (label.length === 0) issues.push({ field: "label", message: { key: "snapshot.validation.label" as const } });
  else if (label.length > 120) issues.push({ field: "label", message: { key: "validation.tooLong" as const, params: { max: 120 } } });
  if (dateProblem(input.asOf)) issues.push({ field: "asOf", message: { key: dateProblem(input.asOf)! } });
  if (issues.length) throw new ValidationError(issues);
  return label;
}

/** Freezes the programme as it stands now, its states assessed on `asOf`. */
export function takeSnapshot(actor: Actor, input: TakeSnapshotInput) {
  return command(actor, "take:snapshot", (tx, audit) => {
    const label = checkInput(input);
    return insertSnapshot(tx, actor, audit, { label, asOf: input.asOf, kind: input.kind ?? "manual", period: null });
  });
}

export function monthEndLabel(asOf: string) {
  const [year, month] = asOf.split("-").map(Number);
  return `Chiusura mensile ${MONTHS_IT[month - 1]} ${year}`;
}

/**
 * The scheduler's command: one month-end snapshot per programme and month. Running it twice for
 * the same month takes nothing the second time (the unique index guards it too).
 */
export function takeMonthEndSnapshot(actor: Actor, asOf: string) {
  return command(actor, "take:snapshot", (tx, audit) => {
    const label = checkInput({ label: monthEndLabel(asOf), asOf });
    const period = asOf.slice(0, 7);
    const programme = getCurrentProgramme(actor);
    const existing = tx
      .select({ id: snapshot.id, label: snapshot.label, hash: snapshot.hash, sizeBytes: snapshot.sizeBytes, asOf: snapshot.asOf, kind: snapshot.kind })
      .from(snapshot)
      .where(and(eq(snapshot.programmeId, programme.id), eq(snapshot.kind, "month_end"), eq(snapshot.period, period)))
      .get();
    if (existing) return { created: false as const, snapshot: existing };
    return { created: true as const, snapshot: insertSnapshot(tx, actor, audit, { label, asOf, kind: "month_end", period }) };
  });
}

// ---------------------------------------------------------------- reads

const summaryColumns = {
  id: snapshot.id,
  programmeId: snapshot.programmeId,
  label: snapshot.label,
  kind: snapshot.kind,
  asOf: snapshot.asOf,
  period: snapshot.period,
  takenAt: snapshot.takenAt,
  takenById: snapshot.takenById,
  takenByName: snapshot.takenByName,
  hash: snapshot.hash,
  sizeBytes: snapshot.sizeBytes,
};

/** Every snapshot of the current programme, newest first, without their contents. */
export function listSnapshots(actor: Actor): SnapshotSummary[] {
  requirePermission(actor, "read:programme");
  const programme = getCurrentProgramme(actor);
  return getDb()
    .select(summaryColumns)
    .from(snapshot)
    .where(eq(snapshot.programmeId, programme.id))
    .orderBy(desc(snapshot.asOf), desc(snapshot.takenAt), desc(snapshot.id))
    .all();
}

/** One snapshot with its parsed content and whether its stored text still matches its hash. */
export function getSnapshot(actor: Actor, id: number) {
  requirePermission(actor, "read:programme");
  const row = Number.isInteger(id) ? getDb().select().from(snapshot).where(eq(snapshot.id, id)).get() : undefined;
  if (!row) throw new NotFoundError("snapshot", id);
  const { content: text, ...summary } = row;
  return { summary, content: JSON.parse(text) as SnapshotContent, verified: verifySnapshotText(text, row.hash) };
}

/** The snapshot taken just before this one (by date, then time), for "changes since". */
export function getPreviousSnapshot(actor: Actor, id: number) {
  const { summary } = getSnapshot(actor, id);
  const previous = getDb()
    .select({ id: snapshot.id })
    .from(snapshot)
    .where(
      and(
        eq(snapshot.programmeId, summary.programmeId),
        or(lt(snapshot.asOf, summary.asOf), and(eq(snapshot.asOf, summary.asOf), lt(snapshot.takenAt, summary.takenAt)), and(eq(snapshot.asOf, summary.asOf), eq(snapshot.takenAt, summary.takenAt), lt(snapshot.id, summary.id))),
      ),
    )
    .orderBy(desc(snapshot.asOf), desc(snapshot.takenAt), desc(snapshot.id))
    .limit(1)
    .get();
  return previous ? getSnapshot(actor, previous.id) : null;
}

/** The programme as it stands now, in snapshot form, without storing it. */
export function getLiveContent(actor: Actor, asOf: string): SnapshotContent {
  requirePermission(actor, "read:programme");
  return buildContent(actor, { label: "Situazione attuale", kind: "live", asOf, takenAt: nowIso(), takenBy: actor.name });
}

export type CompareSide = { kind: "snapshot"; summary: SnapshotSummary } | { kind: "live"; asOf: string };

/**
 * Compares two snapshots, or a snapshot and now (`b = "now"`). The older side, by date, is always
 * "before", whichever order they were asked in.
 */
export function compareSnapshots(actor: Actor, aId: number, b: number | "now", today: string) {
  requirePermission(actor, "read:programme");
  const first = getSnapshot(actor, aId);
  const second = b === "now" ? null : getSnapshot(actor, b);
  const live = second ? null : getLiveContent(actor, today);
  let before = { side: { kind: "snapshot", summary: first.summary } as CompareSide, content: first.content };
  let after = second
    ? { side: { kind: "snapshot", summary: second.summary } as CompareSide, content: second.content }
    : { side: { kind: "live", asOf: today } as CompareSide, content: live! };
  const olderFirst = (x: typeof before, y: typeof after) =>
    x.content.meta.asOf < y.content.meta.asOf || (x.content.meta.asOf === y.content.meta.asOf && x.content.meta.takenAt <= y.content.meta.takenAt);
  if (!olderFirst(before, after)) [before, after] = [after, before];
  return { before, after, diff: diffSnapshots(before.content, after.content) };
}

/** Every snapshot's stored hash checked against its text: for the backup round trip and audits. */
export function verifyAllSnapshots(conn: Conn = getDb()) {
  const rows = conn.select({ id: snapshot.id, content: snapshot.content, hash: snapshot.hash }).from(snapshot).orderBy(asc(snapshot.id)).all();
  const broken = rows.filter((row) => !verifySnapshotText(row.content, row.hash)).map((row) => row.id);
  return { checked: rows.length, broken, hashes: rows.map((row) => ({ id: row.id, hash: row.hash })) };
}

/** The heads recorded in every snapshot's (hashed) content. */
export function snapshotAnchors(conn: Conn = getDb()): AuditAnchor[] {
  const rows = conn.select({ id: snapshot.id, content: snapshot.content }).from(snapshot).orderBy(asc(snapshot.id)).all();
  const anchors: AuditAnchor[] = [];
  for (const row of rows) {
    let head: { id: number; hash: string } | null | undefined;
    try {
      head = (JSON.parse(row.content) as SnapshotContent).meta.auditHead;
    } catch {
      head = null; // an unreadable snapshot is reported by its hash check
    }
    if (head) anchors.push({ source: "snapshot", sourceId: row.id, id: head.id, hash: head.hash });
  }
  return anchors;
}

/**
 * The "Verifica" button and `npm run audit:verify`: the audit chain, every snapshot hash, every
 * anchored head (the snapshots' and any the auditor brings from an evidence pack) and the ledger's
 * monthly totals recomputed from its entries.
 */
export function verifyAuditTrail(actor: Actor | null, external: readonly AuditAnchor[] = [], conn: Conn = getDb()) {
  if (actor) requirePermission(actor, "read:audit");
  const chain = verifyAuditChain(conn);
  const { checked, broken } = verifyAllSnapshots(conn);
  const anchors = [...snapshotAnchors(conn), ...external];
  const anchorProblems = verifyAnchors(conn, anchors);
  const ledgerMonths = verifyLedgerMonths(conn);
  const ok = chain.ok && broken.length === 0 && anchorProblems.length === 0 && ledgerMonths.differences.length === 0;
  return { ok, chain, snapshots: { checked, broken }, anchors: { checked: anchors.length, problems: anchorProblems }, ledgerMonths };
}
