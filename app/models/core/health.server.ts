import { sql } from "drizzle-orm";
import { programme } from "#db/schema";
import { getDb } from "./db.server";

export function checkDatabase() {
  getDb().select({ count: sql<number>`count(*)` }).from(programme).get();
}
