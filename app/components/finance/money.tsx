import { localeTag, numberFormat } from "~/domain/core/intl-cache";
import { formatEuro } from "~/domain/core/money";
import { useLocale } from "~/i18n/use-t";

/** An amount in euro cents, shown as € 1.234.567,89 (Italian) or €1,234,567.89 (English). */
export function Euro({ cents, className }: { cents: number | null | undefined; className?: string }) {
  const locale = useLocale();
  if (cents == null) return <span className={className}>—</span>;
  return <span className={`tg-nowrap ${className ?? ""}`}>{formatEuro(cents, locale)}</span>;
}

export function Percent({ value }: { value: number | null }) {
  const locale = useLocale();
  if (value === null) return <span>—</span>;
  return <span className="tg-nowrap">{numberFormat(localeTag(locale), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value * 100)}%</span>;
}
