// frappe-gantt 1.2.2 ships no types; app/components/gantt/ wraps the few members it uses.
declare module "frappe-gantt" {
  const Gantt: any;
  export default Gantt;
}

// The library's source modules, for tests only (aliased in vitest.config.ts).
declare module "frappe-gantt-src/date_utils.js" {
  const dateUtils: { format(date: Date, format: string, lang: string): string };
  export default dateUtils;
}
declare module "frappe-gantt-src/defaults.js" {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  export const DEFAULT_VIEW_MODES: any[];
}
