import type { ChecklistAnswer, ChecklistState, ChecklistSubjectType } from "./values";

/** Pure rules of a checklist's life: who may do what, and when it is complete. */

/** Answers may change while the checklist is a draft, or after a rejection (to fix what was flagged). */
export function answersEditable(state: ChecklistState): boolean {
  return state === "draft" || state === "rejected";
}

export interface AnswerForRules {
  itemId: number;
  position: number;
  answer: ChecklistAnswer | null;
  note: string;
}

export type CompletionIssue = { itemId: number; position: number; reason: "unanswered" | "noteForNo" };

/**
 * What stops a completion: every item answered, and every "no" explained in its note (a "no" is a
 * finding the reviewer and the auditor must be able to read).
 */
export function completionIssues(answers: readonly AnswerForRules[]): CompletionIssue[] {
  const issues: CompletionIssue[] = [];
  for (const a of [...answers].sort((x, y) => x.position - y.position)) {
    if (!a.answer) issues.push({ itemId: a.itemId, position: a.position, reason: "unanswered" });
    else if (a.answer === "no" && !a.note.trim()) issues.push({ itemId: a.itemId, position: a.position, reason: "noteForNo" });
  }
  return issues;
}

/** Why `reviewerId` may not review: not completed yet, or four eyes (they completed it). */
export function reviewRefusal(checklist: { state: ChecklistState; completedById: number | null }, reviewerId: number): "notCompleted" | "fourEyes" | null {
  if (checklist.state !== "completed") return "notCompleted";
  if (checklist.completedById !== null && checklist.completedById === reviewerId) return "fourEyes";
  return null;
}

/** How far it is filled in: monpnrr's DA_COMPILARE is 0 answered, BOZZA is some. */
export function answeredCount(answers: readonly { answer: ChecklistAnswer | null }[]) {
  return answers.filter((a) => a.answer !== null).length;
}

/**
 * The subject's key, normalised, or null when it is not one: a CIG (10 characters, ANAC's
 * alphabet), a supplier's codice fiscale (16) or partita IVA (11 digits), a CUP (15).
 */
export function normaliseSubjectKey(type: ChecklistSubjectType, raw: string): string | null {
  const key = raw.trim().toUpperCase().replace(/\s+/g, "");
  if (type === "procedure") return /^[0-9A-Z]{10}$/.test(key) ? key : null;
  if (type === "cup") return /^[A-Z][0-9]{2}[A-Z][0-9A-Z]{11}$/.test(key) ? key : null;
  return /^[0-9]{11}$/.test(key) || /^[A-Z0-9]{16}$/.test(key) ? key : null;
}

/** Template items typed as text, one per line: `Sezione | Domanda | Evidenze attese`. */
export function parseTemplateItems(text: string): { items: { section: string; question: string; guidance: string }[]; badLines: number[] } {
  const items: { section: string; question: string; guidance: string }[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const [section = "", question = "", ...rest] = line.split("|").map((part) => part.trim());
    if (!section || !question) badLines.push(index + 1);
    else items.push({ section, question, guidance: rest.join(" | ") });
  });
  return { items, badLines };
}

export function formatTemplateItems(items: readonly { section: string; question: string; guidance: string }[]) {
  return items.map((i) => [i.section, i.question, i.guidance].filter((part, n) => n < 2 || part).join(" | ")).join("\n");
}
