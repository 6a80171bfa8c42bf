import { Link } from "@remix-run/react";
import type { RolloutCell } from "~/domain/training/rollout";
import type { MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/use-t";
import { countFormatter } from "~/domain/core/count-format";
import { localeTag, numberFormat } from "~/domain/core/intl-cache";

interface Authority {
  id: number;
  code: string;
  name: string;
}

/** Sequential blues for coverage; text colour picked per step so every cell keeps AA contrast. */
const steps = [
  { upTo: 0.5, label: "< 50%", background: "#eef4fb", color: "#17324d" },
  { upTo: 0.7, label: "50–70%", background: "#cfe1f5", color: "#17324d" },
  { upTo: 0.8, label: "70–80%", background: "#a9cbee", color: "#17324d" },
  { upTo: 0.9, label: "80–90%", background: "#78aee6", color: "#0b1f33" },
  { upTo: 1, label: "90–100%", background: "#1f6fbf", color: "#ffffff" },
  { upTo: Infinity, label: "≥ 100%", background: "#003d7a", color: "#ffffff" },
];

export function coverageStyle(coverage: number | null) {
  if (coverage === null) return { background: "#ffffff", color: "#5c6f82" };
  // Exactly 100% belongs to the top step: the target is met.
  return steps.find((step) => coverage < step.upTo) ?? steps[steps.length - 1];
}

type Formatters = { number: (n: number) => string; percent: (n: number | null) => string };

function useFormatters(): Formatters {
  const locale = useLocale();
  const number = countFormatter(locale, { maximumFractionDigits: 0 });
  const percent = numberFormat(localeTag(locale), { style: "percent", maximumFractionDigits: 0 });
  return { number: (n: number) => number.format(n), percent: (n: number | null) => (n === null ? "—" : percent.format(n)) };
}

/**
 * One cell. Its sentence ("Medici di medicina generale, AUSL Bologna: 120 formati su 300…") is the
 * link's accessible name and its tooltip; the figures on screen are hidden from screen readers,
 * which read the sentence instead. Formatters and the translator come from the table: the matrix
 * has 135 cells, and this is most of the training page's markup and server time (issue 15).
 */
function Cell({ cell, label, total = false, href, t, fmt }: { cell: RolloutCell; label: string; total?: boolean; href?: string; t: ReturnType<typeof useT>; fmt: Formatters }) {
  if (cell.planned === 0)
    return (
      <td className="tg-heat-cell tg-heat-empty" aria-label={`${label}: ${t("training.heatmap.noWaves")}`}>
        —
      </td>
    );
  const style = coverageStyle(cell.coverage);
  const [group, authority = ""] = label.split(" · ");
  const sentence = t("training.heatmap.cell", {
    group,
    authority,
    trained: fmt.number(cell.trained),
    planned: fmt.number(cell.planned),
    pct: fmt.percent(cell.coverage),
    expected: fmt.number(Math.round(cell.expected)),
  });
  const text = cell.lagging ? `${sentence}. ${t("training.lagging")}.` : sentence;
  const figures = (
    <>
      <span className="tg-heat-count">
        {fmt.number(cell.trained)}/<wbr />
        {fmt.number(cell.planned)}
      </span>
      <span className="tg-heat-pct">
        {cell.lagging ? "▲ " : ""}
        {fmt.percent(cell.coverage)}
      </span>
    </>
  );
  return (
    <td
      className={`tg-heat-cell${cell.lagging ? " tg-heat-lagging" : ""}${total ? " tg-heat-total" : ""}`}
      style={{ background: style.background, color: style.color }}
      data-lagging={cell.lagging ? "true" : "false"}
      data-trained={cell.trained}
      data-planned={cell.planned}
      title={href ? undefined : text}
    >
      {href ? (
        <Link to={href} className="tg-heat-link" style={{ color: style.color }} title={text} aria-label={text}>
          {figures}
        </Link>
      ) : (
        <>
          <span className="visually-hidden">{text}</span>
          <span aria-hidden="true">{figures}</span>
        </>
      )}
    </td>
  );
}

/**
 * Planned vs trained as an HTML table coloured by coverage: a real table so screen readers and
 * keyboard users read every number; lagging cells carry a red frame, a ▲ and a hidden label.
 */
export function RolloutHeatmap({
  groups,
  authorities,
  cells,
  byGroup,
  byAuthority,
  total,
}: {
  groups: string[];
  authorities: Authority[];
  cells: Record<string, Record<number, RolloutCell>>;
  byGroup: Record<string, RolloutCell>;
  byAuthority: Record<number, RolloutCell>;
  total: RolloutCell;
}) {
  const t = useT();
  const fmt = useFormatters();
  const groupName = (group: string) => t(`training.group.${group}` as MessageKey);
  const groupShort = (group: string) => t(`training.groupShort.${group}` as MessageKey);
  return (
    <div className="table-responsive">
      <table className="tg-heatmap" data-testid="rollout-heatmap">
        <caption className="tg-heat-caption">{t("training.heatmap.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className="tg-heat-corner">
              {t("training.heatmap.group")}
            </th>
            {authorities.map((a) => (
              <th
                key={a.id}
                scope="col"
                className={`tg-heat-col${byAuthority[a.id]?.lagging ? " tg-heat-head-lagging" : ""}`}
                data-testid={`heat-col-${a.code}`}
              >
                <abbr title={a.name}>{a.code}</abbr>
                {byAuthority[a.id]?.lagging ? <span role="img" aria-label={t("training.lagging")}> ▲</span> : null}
              </th>
            ))}
            <th scope="col" className="tg-heat-col tg-heat-col-total">
              {t("training.heatmap.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group} data-testid={`heat-row-${group}`}>
              <th scope="row" className={`tg-heat-row${byGroup[group]?.lagging ? " tg-heat-head-lagging" : ""}`} title={groupName(group)}>
                {groupShort(group)}
                {byGroup[group]?.lagging ? <span role="img" aria-label={t("training.lagging")}> ▲</span> : null}
              </th>
              {authorities.map((a) => (
                <Cell key={a.id} cell={cells[group][a.id]} label={`${groupName(group)} · ${a.name}`} href={`/training/waves?group=${group}&authority=${a.id}`} t={t} fmt={fmt} />
              ))}
              <Cell cell={byGroup[group]} label={`${groupName(group)} · ${t("training.heatmap.total")}`} total href={`/training/waves?group=${group}`} t={t} fmt={fmt} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="tg-heat-row">
              {t("training.heatmap.total")}
            </th>
            {authorities.map((a) => (
              <Cell key={a.id} cell={byAuthority[a.id]} label={`${t("training.heatmap.total")} · ${a.name}`} total href={`/training/waves?authority=${a.id}`} t={t} fmt={fmt} />
            ))}
            <Cell cell={total} label={`${t("training.heatmap.total")} · ${t("training.heatmap.total")}`} total t={t} fmt={fmt} />
          </tr>
        </tfoot>
      </table>
      <div className="tg-heat-legend" role="group" aria-label={t("training.heatmap.legend")}>
        <span>{t("training.heatmap.legend.scale")}</span>
        <span className="tg-heat-scale">
          {steps.map((step) => (
            <span key={step.upTo} className="tg-heat-step" style={{ background: step.background, color: step.color }}>
              {step.label}
            </span>
          ))}
        </span>
        <span className="tg-heat-legend-lag">{t("training.heatmap.legend.lagging")}</span>
        <span>— {t("training.heatmap.legend.empty")}</span>
      </div>
    </div>
  );
}
