/** Enumerations shared by the schema, the forms and the database. */
export const taskStatuses = ["planned", "in_progress", "completed", "suspended"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
