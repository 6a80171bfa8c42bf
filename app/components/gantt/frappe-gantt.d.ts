// frappe-gantt 1.2.2 ships no types; app/components/gantt/ wraps the few members it uses.
declare module "frappe-gantt" {
  const Gantt: any;
  export default Gantt;
}
