import { Form, NavLink, useLocation, useSearchParams } from "@remix-run/react";
import { formatDate } from "~/domain/core/dates";
import { useT } from "~/i18n/use-t";
import { useCan } from "~/utils/viewer";
import { dateProblem, MIN_DATE } from "~/domain/core/bounds";

/** The finance section's tabs and the "as of" date every view takes (?asOf=YYYY-MM-DD). */
export function FinanceNav({ today }: { today: string }) {
  const t = useT();
  const [params] = useSearchParams();
  const location = useLocation();
  const canEdit = useCan("update:finance");
  // Only a real date: a malformed ?asOf= is the page's 400 (finance-params), not a banner here.
  const requested = params.get("asOf") ?? "";
  const asOf = requested && dateProblem(requested) === null ? requested : "";
  const keep = asOf ? `?asOf=${asOf}` : "";
  const tabs = [
    { to: "/finance", label: t("finance.tab.summary"), end: true },
    { to: "/finance/table", label: t("finance.tab.table") },
    { to: "/finance/evm", label: t("finance.tab.evm") },
    { to: "/finance/budget-lines", label: t("finance.tab.budget") },
    { to: "/finance/ledger", label: t("finance.tab.ledger") },
    ...(canEdit ? [{ to: "/finance/import", label: t("finance.tab.import") }] : []),
  ];
  return (
    <div className="mb-3">
      <div className="d-flex flex-wrap justify-content-between align-items-end gap-2">
        <h1 className="h2 mb-0">{t("finance.title")}</h1>
        <Form method="get" action={location.pathname} className="d-flex align-items-end gap-2" data-testid="as-of-form">
          {[...params.entries()]
            .filter(([key]) => key !== "asOf" && key !== "page")
            .map(([key, value]) => (
              <input key={key} type="hidden" name={key} value={value} />
            ))}
          <div>
            <label htmlFor="as-of" className="small fw-semibold d-block">
              {t("finance.asOf")}
            </label>
            <input id="as-of" name="asOf" type="date" defaultValue={asOf || today} min={MIN_DATE} max={today} className="form-control form-control-sm" />
          </div>
          <button type="submit" className="btn btn-sm btn-outline-primary">
            {t("finance.asOf.apply")}
          </button>
        </Form>
      </div>
      <ul className="nav nav-tabs mt-3" role="list">
        {tabs.map((tab) => (
          <li className="nav-item" key={tab.to}>
            <NavLink to={`${tab.to}${keep}`} end={tab.end} className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
      {asOf && asOf < today ? (
        <div className="alert alert-info mt-3 mb-0 py-2" role="status" data-testid="as-of-banner">
          {t("finance.asOf.past", { date: formatDate(asOf) })}
        </div>
      ) : null}
    </div>
  );
}

/** Links to the export resource route, keeping the view's parameters. */
export function ExportLinks({ view, extra = {} }: { view: string; extra?: Record<string, string> }) {
  const t = useT();
  const [params] = useSearchParams();
  const query = (format: string) => {
    const search = new URLSearchParams({ view, format, ...extra });
    const asOf = params.get("asOf");
    if (asOf) search.set("asOf", asOf);
    return `/finance/export?${search}`;
  };
  return (
    <div className="d-flex gap-2">
      <a className="btn btn-sm btn-outline-secondary" href={query("xlsx")} download>
        {t("finance.export.xlsx")}
      </a>
      <a className="btn btn-sm btn-outline-secondary" href={query("csv")} download>
        {t("finance.export.csv")}
      </a>
    </div>
  );
}
