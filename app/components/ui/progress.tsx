export function Progress({ value, large = false, label }: { value: number; large?: boolean; label: string }) {
  return (
    <div className="d-flex align-items-center gap-2">
      <div
        className={`tg-progress flex-grow-1 ${large ? "tg-progress-lg" : ""}`}
        role="progressbar"
        aria-label={label}
        aria-valuenow={value}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <span style={{ width: `${value}%` }} />
      </div>
      <span className="tg-nowrap" style={{ fontVariantNumeric: "tabular-nums", minWidth: "3ch" }}>
        {value}%
      </span>
    </div>
  );
}
