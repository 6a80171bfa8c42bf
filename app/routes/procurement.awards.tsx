import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { GeneralErrorBoundary } from "~/components/ui/error-boundary";
import { TableScroll } from "~/components/ui/table-scroll";
import type { CigComparison } from "~/domain/procurement/awards";
import { isMessageKey, translator } from "~/i18n";
import { useT } from "~/i18n/use-t";
import { documentMaxBytes } from "~/models/documents/store.server";
import { ValidationError } from "~/models/core/errors.server";
import { compareWithItaliaDomani } from "~/models/procurement/awards.server";
import { getCurrentProgramme } from "~/models/plan/programme.server";
import { requireViewer } from "~/utils/auth.server";
import { getLocale } from "~/utils/locale.server";
import { answer } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Confronto Italia Domani · Traguardi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return answer(async () => {
    await requireViewer(request);
    return null;
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return answer(async () => {
    const { actor } = await requireViewer(request);
    const t = translator(await getLocale(request));
    try {
      let formData: FormData;
      try {
        formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: documentMaxBytes() }));
      } catch (error) {
        if (error instanceof MaxPartSizeExceededError) throw ValidationError.field("winners", "documents.error.tooLarge", { size: "—", max: String(documentMaxBytes()) });
        // Not a multipart body at all (a forged or hand-made POST): the files are missing.
        if (error instanceof TypeError) throw ValidationError.field("winners", "documents.error.noFile");
        throw error;
      }
      const files: { name: string; bytes: Buffer }[] = [];
      for (const field of ["winners", "subcontractors"]) {
        const file = formData.get(field);
        if (file && typeof file !== "string" && file.size > 0) files.push({ name: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
      }
      const result = compareWithItaliaDomani(actor, getCurrentProgramme(actor).id, files, String(formData.get("cup") ?? ""));
      return { ok: true as const, ...result };
    } catch (error) {
      if (error instanceof ValidationError) {
        const issue = error.issues[0];
        return data({ ok: false as const, error: isMessageKey(issue.message.key) ? t(issue.message.key, issue.message.params) : issue.message.key }, { status: 400 });
      }
      throw error;
    }
  });
}

function PartyList({ comparison, side }: { comparison: CigComparison; side: "published" | "registered" }) {
  const t = useT();
  const parties = comparison.parties.filter((p) => (side === "published" ? p.publishedName : p.registeredName));
  if (!parties.length) return <span className="text-secondary">—</span>;
  return (
    <ul className="list-unstyled mb-0 small">
      {parties.map((p) => {
        const role = side === "published" ? p.publishedRole : p.registeredRole;
        const marked = p.difference !== "same";
        return (
          <li key={`${p.kind}-${p.taxCode}`} className={marked ? "fw-semibold text-danger" : ""} data-party={p.taxCode} data-difference={p.difference}>
            {side === "published" ? p.publishedName : p.registeredName} <span className="font-monospace">{p.taxCode}</span> · {t(`procurement.kind.${p.kind}`)}
            {role ? ` · ${t(`procurement.role.${role}`)}` : ""}
            {marked ? ` (${t(p.difference === "role" ? "awards.diff.role" : p.difference === "onlyPublished" ? "awards.diff.onlyPublished" : "awards.diff.onlyRegistered")})` : ""}
          </li>
        );
      })}
    </ul>
  );
}

export default function AwardsComparison() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const ok = result && result.ok ? result : null;
  return (
    <section className="tg-card mb-4" aria-labelledby="awards-title">
      <h2 className="h4" id="awards-title">
        {t("awards.title")}
      </h2>
      <p className="small text-secondary">{t("awards.intro")}</p>
      <Form method="post" encType="multipart/form-data" className="mb-3">
        <div className="tg-form-grid">
          <div className="tg-field tg-span-2">
            <label htmlFor="winners">{t("awards.winners")}</label>
            <input id="winners" name="winners" type="file" accept=".csv,text/csv" className="form-control" required aria-invalid={result && !result.ok ? true : undefined} aria-describedby={result && !result.ok ? "awards-error" : undefined} />
          </div>
          <div className="tg-field tg-span-2">
            <label htmlFor="subcontractors">{t("awards.subcontractors")}</label>
            <input id="subcontractors" name="subcontractors" type="file" accept=".csv,text/csv" className="form-control" />
          </div>
          <div className="tg-field tg-span-2">
            <label htmlFor="cup">{t("awards.cup")}</label>
            <select id="cup" name="cup" className="form-select" defaultValue={ok?.cup ?? ""} key={ok?.cup ?? "none"}>
              <option value="">{t("awards.cupAuto")}</option>
              {ok?.cups.map((c) => (
                <option key={c.cup} value={c.cup}>
                  {t("awards.cupOption", { cup: c.cup, cigs: c.cigCount, programme: c.programme ? t("awards.cupProgramme") : "" })}
                </option>
              ))}
            </select>
          </div>
        </div>
        {result && !result.ok ? (
          <div className="alert alert-danger py-2" role="alert" id="awards-error" data-testid="awards-error">
            {result.error}
          </div>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={navigation.state === "submitting"}>
          {t("awards.compare")}
        </button>
      </Form>
      {ok ? (
        <>
          {ok.files.map((file) => (
            <p className="small mb-1" key={file.name}>
              {t("awards.read", { name: file.name, rows: file.rows, date: file.extractionDate.split("-").reverse().join("/") || "—" })}
            </p>
          ))}
          <p className="fw-semibold" role="status" data-testid="awards-summary">
            {t("awards.summary", { cup: ok.cup, ...ok.counts })}
          </p>
          <TableScroll labelledBy="awards-title">
            <table className="table table-sm align-middle" data-testid="awards-table">
              <thead>
                <tr>
                  <th scope="col">{t("awards.col.cig")}</th>
                  <th scope="col">{t("awards.col.published")}</th>
                  <th scope="col">{t("awards.col.registered")}</th>
                  <th scope="col">{t("awards.col.difference")}</th>
                </tr>
              </thead>
              <tbody>
                {ok.comparison.map((c) => (
                  <Fragment key={c.cig || "none"}>
                    <tr data-cig={c.cig} data-difference={c.difference} className={c.difference === "same" ? "" : "table-warning"}>
                      <th scope="row">
                        <span className="font-monospace">{c.procedureId ? <Link to={`/procurement/${c.procedureId}`}>{c.cig}</Link> : c.cig || t("awards.noCig")}</span>
                        {c.subject ? <div className="small fw-normal">{c.subject}</div> : null}
                      </th>
                      <td>
                        <PartyList comparison={c} side="published" />
                      </td>
                      <td>
                        <PartyList comparison={c} side="registered" />
                      </td>
                      <td>{t(`awards.diff.${c.difference}`)}</td>
                    </tr>
                  </Fragment>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
