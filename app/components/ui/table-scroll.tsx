import type { CSSProperties, ReactNode } from "react";

/**
 * The scroll box of a table that can be wider or taller than its space. It takes keyboard focus so
 * keyboard users can scroll it with the arrow keys (WCAG 2.1.1), and as a region it is named after
 * the table's heading (`labelledBy`) so screen readers announce what they landed on.
 */
export function TableScroll({ labelledBy, style, children }: { labelledBy: string; style?: CSSProperties; children: ReactNode }) {
  return (
    <div className="table-responsive tg-table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy} style={style}>
      {children}
    </div>
  );
}
