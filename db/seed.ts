import argon2 from "argon2";
import { defaultDatabasePath, migrateDatabase, openDatabase } from "./client";
import { DEMO_PASSWORD, seedDemo } from "./seed/index";

const file = defaultDatabasePath();
const db = openDatabase(file);
migrateDatabase(db);
const report = seedDemo(db, await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id }), { reportingActivity: true });
db.$client.close();
const total = Object.values(report.created).reduce((a, b) => a + b, 0);
console.log(
  total === 0
    ? `Seed: nothing to add, ${file} already holds the demo programme.`
    : `Seed: added ${Object.entries(report.created).map(([k, v]) => `${v} ${k}`).join(", ")} to ${file}`,
);
