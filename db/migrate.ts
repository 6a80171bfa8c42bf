import { defaultDatabasePath, migrateDatabase, openDatabase } from "./client";

const file = defaultDatabasePath();
const db = openDatabase(file);
migrateDatabase(db);
db.$client.close();
console.log(`Database migrated: ${file}`);
