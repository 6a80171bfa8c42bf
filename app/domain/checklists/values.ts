/**
 * Checklist vocabulary shared by schema, models and UI. States follow the review, not the filling:
 * monpnrr's DA_COMPILARE and BOZZA are both "draft" here (the answered count tells them apart),
 * COMPILATA is "completed", and its OK/KO review is "verified" or "rejected".
 */
export const checklistStates = ["draft", "completed", "verified", "rejected"] as const;
export type ChecklistState = (typeof checklistStates)[number];

export const checklistSubjectTypes = ["procedure", "supplier", "cup"] as const;
export type ChecklistSubjectType = (typeof checklistSubjectTypes)[number];

export const checklistAnswers = ["yes", "no", "na"] as const;
export type ChecklistAnswer = (typeof checklistAnswers)[number];

export const checklistEventKinds = ["created", "completed", "verified", "rejected"] as const;
export type ChecklistEventKind = (typeof checklistEventKinds)[number];

/** The five templates issue 14 names; each is always about one kind of subject. */
export const checklistTemplateCodes = ["procedure_regularity", "dnsh", "beneficial_owner", "conflict_of_interest", "double_funding"] as const;
export type ChecklistTemplateCode = (typeof checklistTemplateCodes)[number];

export function isChecklistState(value: string): value is ChecklistState {
  return (checklistStates as readonly string[]).includes(value);
}
