import { describe, expect, it } from "vitest";
import { answersEditable, completionIssues, formatTemplateItems, normaliseSubjectKey, parseTemplateItems, reviewRefusal } from "./rules";

describe("checklist rules", () => {
  it("lets answers change only in draft or after a rejection", () => {
    expect(answersEditable("draft")).toBe(true);
    expect(answersEditable("rejected")).toBe(true);
    expect(answersEditable("completed")).toBe(false);
    expect(answersEditable("verified")).toBe(false);
  });

  it("needs every item answered and every no explained", () => {
    const issues = completionIssues([
      { itemId: 3, position: 3, answer: "no", note: "  " },
      { itemId: 1, position: 1, answer: "yes", note: "" },
      { itemId: 2, position: 2, answer: null, note: "" },
      { itemId: 4, position: 4, answer: "no", note: "Dichiarazione integrata il 3/11" },
      { itemId: 5, position: 5, answer: "na", note: "" },
    ]);
    expect(issues).toEqual([
      { itemId: 2, position: 2, reason: "unanswered" },
      { itemId: 3, position: 3, reason: "noteForNo" },
    ]);
  });

  it("refuses the reviewer who completed it (four eyes) and a checklist not completed", () => {
    expect(reviewRefusal({ state: "completed", completedById: 7 }, 7)).toBe("fourEyes");
    expect(reviewRefusal({ state: "completed", completedById: 7 }, 8)).toBeNull();
    expect(reviewRefusal({ state: "draft", completedById: null }, 8)).toBe("notCompleted");
    expect(reviewRefusal({ state: "verified", completedById: 7 }, 8)).toBe("notCompleted");
  });

  it("recognises CIG, CUP and tax codes", () => {
    expect(normaliseSubjectKey("procedure", " 9a41c2d7e1 ")).toBe("9A41C2D7E1");
    expect(normaliseSubjectKey("procedure", "9A41C2D7E")).toBeNull();
    expect(normaliseSubjectKey("cup", "E39J22001830006")).toBe("E39J22001830006");
    expect(normaliseSubjectKey("cup", "E39J2200183000")).toBeNull();
    expect(normaliseSubjectKey("supplier", "02770891204")).toBe("02770891204");
    expect(normaliseSubjectKey("supplier", "RSSMRA80A01H501U")).toBe("RSSMRA80A01H501U");
    expect(normaliseSubjectKey("supplier", "1234")).toBeNull();
  });

  it("reads template items one per line and writes them back the same way", () => {
    const { items, badLines } = parseTemplateItems("A | Domanda uno | Determina\n\nsolo sezione\nB | Domanda due");
    expect(items).toEqual([
      { section: "A", question: "Domanda uno", guidance: "Determina" },
      { section: "B", question: "Domanda due", guidance: "" },
    ]);
    expect(badLines).toEqual([3]);
    expect(parseTemplateItems(formatTemplateItems(items)).items).toEqual(items);
  });
});
