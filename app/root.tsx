import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { translator, type Locale } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { getViewer, viewerForClient } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { readToast } from "~/utils/toast.server";
import { useViewer } from "~/utils/viewer";
import { useNonce } from "~/utils/nonce";
import appCss from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/vendor/bootstrap-italia/css/bootstrap-italia.min.css" },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [viewer, locale, { toast, headers }] = await Promise.all([getViewer(request), getLocale(request), readToast(request)]);
  return data({ viewer: viewerForClient(viewer), locale, toast }, { headers });
}

function Header() {
  const t = useT();
  const viewer = useViewer();
  const location = useLocation();
  const { locale } = useRouteLoaderData<typeof loader>("root") ?? { locale: "it" as Locale };
  const nav = [
    { to: "/", label: t("nav.dashboard"), end: true, show: true },
    { to: "/work-packages", label: t("nav.workPackages"), show: true },
    { to: "/gantt", label: t("gantt.nav"), show: true },
    { to: "/snapshots", label: t("snapshot.nav"), show: true },
    { to: "/finance", label: t("finance.nav"), show: true },
    { to: "/procurement", label: t("procurement.nav"), show: true },
    { to: "/training", label: t("training.nav"), show: true },
    { to: "/checklists", label: t("checklist.nav"), show: true },
    { to: "/close", label: t("close.nav"), show: true },
    { to: "/reports", label: t("report.nav"), show: true },
    { to: "/indicators", label: t("training.indicator.nav"), show: true },
    { to: "/audit", label: t("nav.audit"), show: viewer?.permissions.includes("read:audit") },
    { to: "/admin/users", label: t("nav.users"), show: viewer?.permissions.includes("manage:users") },
  ];
  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <span className="d-none d-lg-block navbar-brand">{t("app.region")}</span>
                <div className="it-header-slim-right-zone gap-3">
                  <Form method="post" action="/set-language" className="tg-lang-switch" aria-label={t("nav.language")}>
                    <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
                    {(["it", "en"] as const).map((code) => (
                      <button key={code} type="submit" name="locale" value={code} aria-pressed={locale === code} lang={code}>
                        {code.toUpperCase()}
                      </button>
                    ))}
                  </Form>
                  {viewer ? (
                    <>
                      <span className="tg-header-user" data-testid="current-user">
                        {viewer.name} · <span className="tg-role">{t(`role.${viewer.role}`)}</span>
                      </span>
                      <NavLink to="/account/sessions" className="tg-header-user text-white">
                        {t("account.nav")}
                      </NavLink>
                      <Form method="post" action="/logout">
                        <button type="submit" className="btn btn-primary btn-sm btn-icon">
                          {t("nav.logout")}
                        </button>
                      </Form>
                    </>
                  ) : null}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-center-content-wrapper">
                  <div className="it-brand-wrapper">
                    <a href="/">
                      <div className="it-brand-text">
                        <div className="it-brand-title">{t("app.name")}</div>
                        <div className="it-brand-tagline d-none d-md-block">{t("app.tagline")}</div>
                      </div>
                    </a>
                  </div>
                </div>
              </div>
            </div>
          </div>
        </div>
        {viewer ? (
          <div className="it-header-navbar-wrapper">
            <div className="container">
              <div className="row">
                <div className="col-12">
                  <nav className="navbar navbar-expand-lg has-megamenu" aria-label={t("nav.mainMenu")}>
                    <div className="navbar-collapsable d-block position-static" style={{ display: "block" }}>
                      <div className="menu-wrapper" style={{ position: "static", transform: "none", background: "transparent" }}>
                        <ul className="navbar-nav d-flex flex-row flex-wrap">
                          {nav
                            .filter((item) => item.show)
                            .map((item) => (
                              <li className="nav-item" key={item.to}>
                                <NavLink to={item.to} end={item.end} className={({ isActive }) => `nav-link${isActive ? " active" : ""}`}>
                                  <span>{item.label}</span>
                                </NavLink>
                              </li>
                            ))}
                        </ul>
                      </div>
                    </div>
                  </nav>
                </div>
              </div>
            </div>
          </div>
        ) : null}
      </div>
    </header>
  );
}

function Toast() {
  const { toast } = useLoaderData<typeof loader>();
  const t = useT();
  const [visible, setVisible] = useState(Boolean(toast));
  useEffect(() => {
    setVisible(Boolean(toast));
    if (!toast) return;
    const timer = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast || !visible) return null;
  return (
    <div className={`alert alert-${toast.kind} tg-toast`} role="status">
      {t(toast.message)}
    </div>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale = rootData?.locale ?? "it";
  const t = translator(locale);
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="visually-hidden-focusable" href="#main">
          {t("app.skipToContent")}
        </a>
        {rootData ? <Header /> : null}
        <main id="main" className="container my-4">
          {children}
        </main>
        <footer className="it-footer">
          <div className="it-footer-small-prints clearfix">
            <div className="container">
              <p className="py-3 mb-0 text-white small">
                {t("app.name")} · {t("app.tagline")} · PNRR M6C2 1.3.1
              </p>
            </div>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <Outlet />
      <Toast />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
