import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { ExportLinks } from "~/components/finance/finance-nav";
import { Euro } from "~/components/finance/money";
import { DateText } from "~/components/ui/format";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { formatEuro } from "~/domain/core/money";
import { useLocale, useT } from "~/i18n/use-t";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { ledgerKinds } from "~/domain/finance/finance-values";
import { listLedgerEntries, listLinesForEntry } from "~/models/finance/ledger.server";
import { requireViewer } from "~/utils/auth.server";
import { ledgerFiltersOf } from "~/utils/finance-params.server";
import { useCan } from "~/utils/viewer";
import { answer } from "~/utils/responses.server";
import { MAX_DATE, MIN_DATE } from "~/domain/core/bounds";

export const meta: MetaFunction = () => [{ title: "Impegni e pagamenti · Traguardi" }];

/** Reusable by the whole-page cache (app/server/page-cache.js): the loader only reads. */
export const handle = { pageCache: true };

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const programme = getCurrentProgramme(actor);
    const filters = ledgerFiltersOf(request);
    return { filters, lines: listLinesForEntry(actor, programme.id), ...listLedgerEntries(actor, programme.id, filters) };
  });
}

const sortOptions = [
  ["entryDate", "finance.field.entryDate"],
  ["id", "finance.ledger.number"],
  ["kind", "finance.field.kind"],
  ["line", "finance.field.budgetLine"],
  ["supplier", "finance.field.supplier"],
  ["cig", "finance.field.cig"],
  ["documentNumber", "finance.field.documentNumber"],
  ["amount", "finance.field.amount"],
  ["description", "finance.field.description"],
] as const;

export default function LedgerList() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const canEdit = useCan("update:finance");
  const [params] = useSearchParams();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  const { filters } = data;
  return (
    <section className="tg-card mb-4" aria-labelledby="ledger-title">
      <div className="d-flex flex-wrap justify-content-between align-items-center gap-2 mb-2">
        <h2 className="h4 mb-0" id="ledger-title">
          {t("finance.ledger.title")}
        </h2>
        <div className="d-flex gap-2">
          <ExportLinks
            view="ledger"
            extra={Object.fromEntries(["line", "wp", "kind", "from", "to", "q", "supplier", "cig", "sort", "dir"].flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])))}
          />
          {canEdit ? (
            <Link to="/finance/ledger/new" className="btn btn-sm btn-primary">
              {t("finance.ledger.new")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="small text-secondary">{t("finance.ledger.appendOnly")}</p>
      <Form method="get" className="row g-2 align-items-end mb-3">
        <input type="hidden" name="asOf" value={filters.asOf} />
        {filters.workPackageId ? <input type="hidden" name="wp" value={filters.workPackageId} /> : null}
        <div className="col-12 col-md-6">
          <label htmlFor="f-q" className="small fw-semibold">
            {t("finance.ledger.search")} <span className="fw-normal">({t("finance.ledger.searchHint")})</span>
          </label>
          <input id="f-q" name="q" type="search" defaultValue={filters.q ?? ""} className="form-control form-control-sm" />
        </div>
        <div className="col-6 col-md-4">
          <label htmlFor="f-supplier" className="small fw-semibold">{t("finance.field.supplier")}</label>
          <input id="f-supplier" name="supplier" type="text" defaultValue={filters.supplier ?? ""} className="form-control form-control-sm" />
        </div>
        <div className="col-6 col-md-2">
          <label htmlFor="f-cig" className="small fw-semibold">{t("finance.field.cig")}</label>
          <input id="f-cig" name="cig" type="text" maxLength={10} defaultValue={filters.cig ?? ""} className="form-control form-control-sm font-monospace" />
        </div>
        <div className="col-12 col-md-4">
          <label htmlFor="f-line" className="small fw-semibold">{t("finance.field.budgetLine")}</label>
          <select id="f-line" name="line" defaultValue={filters.budgetLineId ?? ""} className="form-select form-select-sm">
            <option value="">{t("finance.ledger.allLines")}</option>
            {data.lines.map((line) => (
              <option key={line.id} value={line.id}>
                {line.code} — {line.title}
              </option>
            ))}
          </select>
        </div>
        <div className="col-6 col-md-2">
          <label htmlFor="f-kind" className="small fw-semibold">{t("finance.field.kind")}</label>
          <select id="f-kind" name="kind" defaultValue={filters.kind ?? ""} className="form-select form-select-sm">
            <option value="">{t("finance.kind.all")}</option>
            {ledgerKinds.map((kind) => (
              <option key={kind} value={kind}>{t(`finance.kind.${kind}`)}</option>
            ))}
          </select>
        </div>
        <div className="col-6 col-md-2">
          <label htmlFor="f-from" className="small fw-semibold">{t("finance.ledger.from")}</label>
          <input id="f-from" name="from" type="date" defaultValue={filters.from ?? ""} min={MIN_DATE} max={MAX_DATE} className="form-control form-control-sm" />
        </div>
        <div className="col-6 col-md-2">
          <label htmlFor="f-to" className="small fw-semibold">{t("finance.ledger.to")}</label>
          <input id="f-to" name="to" type="date" defaultValue={params.get("to") ?? ""} min={MIN_DATE} max={filters.asOf} className="form-control form-control-sm" />
        </div>
        <div className="col-6 col-md-3">
          <label htmlFor="f-sort" className="small fw-semibold">{t("finance.ledger.sortBy")}</label>
          <select id="f-sort" name="sort" defaultValue={filters.sort ?? "entryDate"} className="form-select form-select-sm">
            {sortOptions.map(([value, label]) => (
              <option key={value} value={value}>{t(label)}</option>
            ))}
          </select>
        </div>
        <div className="col-6 col-md-2">
          <label htmlFor="f-dir" className="small fw-semibold">{t("finance.ledger.direction")}</label>
          <select id="f-dir" name="dir" defaultValue={filters.dir ?? "desc"} className="form-select form-select-sm">
            <option value="desc">{t("finance.ledger.sortDesc")}</option>
            <option value="asc">{t("finance.ledger.sortAsc")}</option>
          </select>
        </div>
        <div className="col-6 col-md-2">
          <button type="submit" className="btn btn-sm btn-outline-primary w-100">{t("finance.ledger.filter")}</button>
        </div>
      </Form>
      <p className="fw-semibold" data-testid="ledger-totals">
        {t("finance.ledger.totals", { count: data.entryCount, committed: formatEuro(data.committed, locale), paid: formatEuro(data.paid, locale) })}
      </p>
      {data.entries.length === 0 ? (
        <p>{t("finance.ledger.empty")}</p>
      ) : (
        <div className="table-responsive">
          <table className="table tg-table table-sm" data-testid="ledger-table">
            <thead>
              <tr>
                <th scope="col">n.</th>
                <th scope="col">{t("finance.field.entryDate")}</th>
                <th scope="col">{t("finance.field.kind")}</th>
                <th scope="col">{t("finance.field.budgetLine")}</th>
                <th scope="col">{t("finance.field.supplier")}</th>
                <th scope="col">{t("finance.field.cig")}</th>
                <th scope="col">{t("finance.field.documentNumber")}</th>
                <th scope="col" className="tg-num">{t("finance.field.amount")}</th>
                <th scope="col">{t("finance.field.description")}</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((entry) => (
                <tr key={entry.id} data-testid={`ledger-row-${entry.documentNumber}`}>
                  <td><Link to={`/finance/ledger/${entry.id}`}>{entry.id}</Link></td>
                  <td><DateText value={entry.entryDate} /></td>
                  <td>{t(`finance.kind.${entry.kind}`)}</td>
                  <td className="tg-nowrap">{entry.lineCode}</td>
                  <td>{entry.supplier}</td>
                  <td className="font-monospace">{entry.cig ?? "—"}</td>
                  <td>{entry.documentNumber}</td>
                  <td className="tg-num"><Euro cents={entry.amountCents} className={entry.amountCents < 0 ? "text-danger" : ""} /></td>
                  <td>
                    {entry.description}
                    {entry.reversesEntryId ? <span className="badge bg-secondary ms-1">{t("finance.ledger.reverses", { id: entry.reversesEntryId })}</span> : null}
                    {entry.reversedById ? <span className="badge bg-warning text-dark ms-1">{t("finance.ledger.reversedBy", { id: entry.reversedById })}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.pageCount > 1 ? (
        <nav className="d-flex gap-3 align-items-center" aria-label={t("finance.ledger.page", { page: data.page, pages: data.pageCount })}>
          {data.page > 1 ? <Link to={pageLink(data.page - 1)}>{t("finance.ledger.prev")}</Link> : null}
          <span>{t("finance.ledger.page", { page: data.page, pages: data.pageCount })}</span>
          {data.page < data.pageCount ? <Link to={pageLink(data.page + 1)}>{t("finance.ledger.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
