export * from "./user";
export * from "./programme";
export * from "./plan";
export * from "./audit";
export * from "./snapshot";
export * from "./training";
export * from "./finance";
export * from "./gantt";
