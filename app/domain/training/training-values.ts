/** Closed value sets of the training and indicator domain, shared by schema, forms and UI. */
export const professionalGroups = [
  "gp",
  "paediatrician",
  "specialist",
  "hospital_doctor",
  "pharmacist",
  "nurse",
  "admin_booking",
  "ict",
] as const;
export type ProfessionalGroup = (typeof professionalGroups)[number];

export const deliveryModes = ["in_person", "e_learning", "blended"] as const;
export type DeliveryMode = (typeof deliveryModes)[number];

export const indicatorUnits = ["percent", "count", "number"] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];

export const catalogueKinds = ["milestone", "target"] as const;
export type CatalogueKind = (typeof catalogueKinds)[number];

export const catalogueScopes = ["ITA", "UE"] as const;
export type CatalogueScope = (typeof catalogueScopes)[number];

export function isProfessionalGroup(value: string): value is ProfessionalGroup {
  return (professionalGroups as readonly string[]).includes(value);
}

/** "T4 2025" / "Q4 2025". */
export function catalogueQuarter(item: { quarter: number; year: number }, locale: "it" | "en" = "it") {
  return `${locale === "it" ? "T" : "Q"}${item.quarter} ${item.year}`;
}

/** Last calendar day of the item's quarter: the due date a milestone linked to it should meet. */
export function catalogueDueDate(item: { quarter: number; year: number }): string {
  return `${item.year}-${["03-31", "06-30", "09-30", "12-31"][item.quarter - 1]}`;
}
