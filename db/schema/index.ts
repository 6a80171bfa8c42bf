export * from "./user";
export * from "./programme";
export * from "./plan";
export * from "./audit";
export * from "./snapshot";
export * from "./training";
