import type Database from "better-sqlite3";

/**
 * For tests that play the attacker who can write the database file: drops the triggers on `table`
 * (as such an attacker would), runs `tamper`, then puts the very same triggers back.
 */
export function tamperWith<T>(sqlite: Database.Database, table: string, tamper: () => T): T {
  const triggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name = ?").all(table) as { name: string; sql: string }[];
  for (const trigger of triggers) sqlite.exec(`drop trigger "${trigger.name}"`);
  try {
    return tamper();
  } finally {
    for (const trigger of triggers) sqlite.exec(trigger.sql);
  }
}
