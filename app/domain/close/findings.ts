import type { Message } from "~/i18n";
import { compareCodes } from "~/domain/core/intl-cache";

/**
 * What the monthly pre-check reports. Each check (see app/models/close/checks.server.ts) returns
 * findings; `key` is stable for the same problem (check + subject), so a close can say exactly
 * which findings were accepted and refuse if a new one appeared since the pre-check was read.
 */
export const findingSeverities = ["error", "warning", "info"] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

export interface Finding {
  key: string;
  checkId: string;
  severity: FindingSeverity;
  message: Message;
  /** The page where it is fixed. */
  href: string;
}

/** Notices (a check that cannot run yet) never block a close; errors and warnings do until accepted. */
export function isBlocking(finding: Pick<Finding, "severity">) {
  return finding.severity !== "info";
}

/** The blocking findings not in `acceptedKeys`. */
export function unacceptedFindings(findings: readonly Finding[], acceptedKeys: ReadonlySet<string>) {
  return findings.filter((f) => isBlocking(f) && !acceptedKeys.has(f.key));
}

const order: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };
export function sortFindings(findings: Finding[]) {
  return findings.sort((a, b) => order[a.severity] - order[b.severity] || a.checkId.localeCompare(b.checkId) || compareCodes(a.key, b.key));
}
