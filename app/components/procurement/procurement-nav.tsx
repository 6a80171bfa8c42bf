import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Tabs of the procurement section. */
export function ProcurementNav() {
  const t = useT();
  const tabs = [
    { to: "/procurement", label: t("procurement.title"), end: true },
    { to: "/procurement/suppliers", label: t("procurement.suppliers") },
    { to: "/procurement/awards", label: t("procurement.awards") },
    { to: "/evidence", label: t("evidence.nav") },
  ];
  return (
    <div className="mb-3">
      <h1 className="h2 mb-0">{t("procurement.nav")}</h1>
      <ul className="nav nav-tabs mt-3" role="list">
        {tabs.map((tab) => (
          <li className="nav-item" key={tab.to}>
            <NavLink to={tab.to} end={tab.end} className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}>
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
