import { describe, expect, it } from "vitest";
import { translator } from "~/i18n";
import { dependencySchema, milestoneSchema, taskSchema, workPackageSchema } from "./schemas";
import { newUserSchema } from "~/domain/users/schemas";

const it_ = translator("it");
const en = translator("en");

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));
}

const task = {
  workPackageId: "3",
  code: "WP3.8",
  title: "Cartella clinica",
  owner: "Aziende sanitarie",
  startDate: "2025-06-02",
  endDate: "2026-05-29",
  progress: "80",
  status: "in_progress",
};

describe("taskSchema", () => {
  it("accepts a valid task and coerces numbers", () => {
    const parsed = taskSchema(it_).parse(task);
    expect(parsed.progress).toBe(80);
    expect(parsed.workPackageId).toBe(3);
  });
  it("rejects an end before the start, in Italian, naming the start date", () => {
    expect(errorsOf(taskSchema(it_).safeParse({ ...task, endDate: "2025-06-01" }))).toEqual({
      endDate: "La data di fine non può precedere la data di inizio (02/06/2025).",
    });
  });
  it("rejects progress outside 0–100 or not whole", () => {
    for (const progress of ["-1", "101", "12.5", "abc"]) {
      expect(errorsOf(taskSchema(it_).safeParse({ ...task, progress })).progress).toBe("L'avanzamento deve essere un numero intero tra 0 e 100.");
    }
  });
  it("requires completed ⇔ 100%", () => {
    expect(errorsOf(taskSchema(it_).safeParse({ ...task, status: "completed" })).progress).toBe(
      "Un'attività completata deve avere avanzamento 100%, e viceversa.",
    );
    expect(taskSchema(it_).safeParse({ ...task, status: "completed", progress: "100" }).success).toBe(true);
  });
  it("rejects impossible dates and missing fields, in English when asked", () => {
    const errors = errorsOf(taskSchema(en).safeParse({ ...task, startDate: "2025-02-30", title: "  " }));
    expect(errors.startDate).toBe("Enter a valid date.");
    expect(errors.title).toBe("Required.");
  });
});

describe("milestoneSchema", () => {
  const milestone = { workPackageId: "4", code: "WP4.M1", title: "85% MMG", dueDate: "2025-12-19", gateId: "1" };
  it("normalises and checks PNRR codes", () => {
    expect(milestoneSchema(it_).parse({ ...milestone, euCode: "m6c2-11" }).euCode).toBe("M6C2-11");
    expect(milestoneSchema(it_).parse({ ...milestone, euCode: "M6C2-00-ITA-14" }).euCode).toBe("M6C2-00-ITA-14");
    expect(errorsOf(milestoneSchema(it_).safeParse({ ...milestone, euCode: "M6-11" })).euCode).toMatch(/^Codice non valido/);
  });
});

describe("workPackageSchema", () => {
  it("rejects an end before the start", () => {
    const errors = errorsOf(
      workPackageSchema(it_).safeParse({ code: "WP8", title: "x", owner: "y", startDate: "2025-02-01", endDate: "2025-01-31", gateId: "1" }),
    );
    expect(errors).toEqual({ endDate: "La data di fine non può precedere la data di inizio (01/02/2025)." });
  });
});

describe("dependencySchema", () => {
  it("rejects an item depending on itself and malformed keys", () => {
    expect(errorsOf(dependencySchema(it_).safeParse({ predecessor: "t1", successor: "t1" })).successor).toBe(
      "Un elemento non può dipendere da sé stesso.",
    );
    expect(dependencySchema(it_).safeParse({ predecessor: "x1", successor: "t1" }).success).toBe(false);
  });
});

describe("newUserSchema", () => {
  it("needs a 10-character password and a known role", () => {
    const errors = errorsOf(newUserSchema(it_).safeParse({ email: "a@b.it", name: "A", role: "root", password: "short" }));
    expect(errors.password).toBe("La password deve avere almeno 10 caratteri.");
    expect(errors.role).toBe("Ruolo non valido.");
  });
});
