import { describe, expect, it } from "vitest";
import { can, isRole, permissions, permissionsOf, roles } from "./permissions";

describe("permissions", () => {
  it("every role reads the programme and the audit log", () => {
    for (const role of roles) {
      expect(can(role, "read:programme")).toBe(true);
      expect(can(role, "read:audit")).toBe(true);
    }
  });

  it("only the manager changes the plan, the training and takes snapshots", () => {
    for (const permission of ["update:plan", "update:training", "take:snapshot"] as const) {
      expect(roles.filter((role) => can(role, permission))).toEqual(["manager"]);
    }
  });

  it("only finance changes finance, only the admin manages users", () => {
    expect(roles.filter((role) => can(role, "update:finance"))).toEqual(["finance"]);
    expect(roles.filter((role) => can(role, "manage:users"))).toEqual(["admin"]);
  });

  it("the auditor writes nothing", () => {
    // Reading everything, and looking after one's own sessions and password, is all an auditor does.
    expect(permissionsOf("auditor").every((p) => p.startsWith("read:") || p === "manage:own-account")).toBe(true);
    expect(permissionsOf("auditor")).toEqual(expect.arrayContaining(["read:programme", "read:audit", "read:documents"]));
  });

  it("grants only known permissions", () => {
    for (const role of roles) for (const permission of permissionsOf(role)) expect(permissions).toContain(permission);
  });

  it("recognises roles", () => {
    expect(isRole("manager")).toBe(true);
    expect(isRole("Manager")).toBe(false);
    expect(isRole("root")).toBe(false);
  });
});
