/**
 * Procedure types and participant roles of the procurement register. Codes are ours (stable,
 * English); labels are in the i18n catalogue. Roles follow Italia Domani's "Ruolo Soggetto".
 */
export const procedureTypes = [
  "open",
  "restricted",
  "competitive_negotiated",
  "negotiated_without_notice",
  "competitive_dialogue",
  "direct_award",
  "framework_agreement",
  "framework_call_off",
  "convention_call_off",
  "in_house",
] as const;
export type ProcedureType = (typeof procedureTypes)[number];

export const partyKinds = ["winner", "subcontractor"] as const;
export type PartyKind = (typeof partyKinds)[number];

/** A winner's role in the award; subcontractors carry "subcontractor". */
export const partyRoles = ["sole", "mandataria", "mandante", "consorziata", "subcontractor", "unclassified"] as const;
export type PartyRole = (typeof partyRoles)[number];

/** Italia Domani's "Ruolo Soggetto" codes and descriptions → our roles. */
export function roleFromItaliaDomani(code: string, description: string): PartyRole {
  const text = `${code} ${description}`.toUpperCase();
  if (text.includes("MANDATARIA") || code === "8888888802") return "mandataria";
  if (text.includes("MANDANTE") || code === "8888888801") return "mandante";
  if (text.includes("CONSORZIATA") || code === "8888888805") return "consorziata";
  if (text.includes("SINGOLA") || code === "8888888898") return "sole";
  return "unclassified";
}
