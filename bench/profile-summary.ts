/**
 * Summarises V8 CPU profiles (.cpuprofile, as `node --cpu-prof` writes them; `BENCH_CPU_PROF=1
 * npm run bench:load` leaves one per worker in bench/.tmp/load/profiles/):
 *   npx tsx bench/profile-summary.ts [dir or files…] [--top 30]
 * Prints, over all the profiles given, the share of sampled time
 *   - by function, self time (where the CPU actually was);
 *   - by file (or package, for node_modules), self time;
 *   - by app source file, inclusive (time spent in the file's functions and everything they call),
 *     read from the source-mapped paths in the build when there are any, else from the build's names.
 * Idle time ("(idle)") is left out of the shares; "(garbage collector)" and "(program)" stay in.
 */
import fs from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const callersIndex = args.indexOf("--callers");
/** --callers <function name>: also print the call chains (3 frames up) that led to it, by time. */
const callersOf = callersIndex >= 0 ? args[callersIndex + 1] : null;
const valueAt = new Set([topIndex + 1, callersIndex + 1].filter((i) => i > 0));
const inputs = args.filter(
  (arg, i) => !arg.startsWith("--") && !valueAt.has(i)
);
const targets = inputs.length ? inputs : ["bench/.tmp/load/profiles"];
const files = targets.flatMap((target) =>
  fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((name) => name.endsWith(".cpuprofile"))
        .map((name) => path.join(target, name))
    : [target]
);
if (!files.length) throw new Error(`no .cpuprofile in ${targets.join(", ")}`);

/**
 * The Remix server build is one bundle, and esbuild marks where each source module starts with a
 * `// app/routes/gantt.tsx` comment line: the modules' start lines, per bundle file, sorted.
 */
const bundleModules = new Map<string, { line: number; module: string }[]>();
function moduleInBundle(file: string, line: number): string | null {
  if (!/(^|\/)build\/index\.js$/.test(file)) return null;
  if (!bundleModules.has(file)) {
    const starts: { line: number; module: string }[] = [];
    if (fs.existsSync(file)) {
      fs.readFileSync(file, "utf8")
        .split("\n")
        .forEach((text, i) => {
          const match = /^\/\/ ((?:app|db)\/\S+)$/.exec(text);
          if (match) starts.push({ line: i, module: match[1] });
        });
    }
    bundleModules.set(file, starts);
  }
  const starts = bundleModules.get(file)!;
  let low = 0;
  let high = starts.length - 1;
  let found: string | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid].line <= line) {
      found = starts[mid].module;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** A short name for where a frame's code lives: a package for node_modules, else the path. */
function whereOf(url: string, line = 0): string {
  if (!url) return "(native)";
  const clean = url.replace(/^file:\/\//, "");
  const inBundle = moduleInBundle(clean, line);
  if (inBundle) return inBundle;
  const modules = clean.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = clean.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (clean.startsWith("node:")) return clean;
  return path.relative(process.cwd(), clean) || clean;
}

const self = new Map<string, number>();
const selfByFile = new Map<string, number>();
const inclusiveByFile = new Map<string, number>();
const callers = new Map<string, number>();
let total = 0;
let idle = 0;

for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const timeOf = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  );
  for (const [id, micros] of timeOf) {
    const node = byId.get(id)!;
    const frame = node.callFrame;
    if (frame.functionName === "(idle)") {
      idle += micros;
      continue;
    }
    total += micros;
    const where = whereOf(frame.url, frame.lineNumber);
    const name = `${frame.functionName || "(anonymous)"}  ${where}${
      frame.url ? `:${frame.lineNumber + 1}` : ""
    }`;
    self.set(name, (self.get(name) ?? 0) + micros);
    selfByFile.set(where, (selfByFile.get(where) ?? 0) + micros);
    if (callersOf) {
      const chain: string[] = [];
      let found = false;
      for (
        let at: number | undefined = id;
        at !== undefined;
        at = parent.get(at)
      ) {
        const f = byId.get(at)!.callFrame;
        if (!found && f.functionName === callersOf) found = true;
        if (found)
          chain.push(
            `${f.functionName || "(anonymous)"}@${whereOf(f.url, f.lineNumber)}`
          );
        if (chain.length >= 4) break;
      }
      if (found)
        callers.set(
          chain.join(" < "),
          (callers.get(chain.join(" < ")) ?? 0) + micros
        );
    }
    // Inclusive: every distinct file on the stack gets this sample once.
    const seen = new Set<string>();
    for (
      let at: number | undefined = id;
      at !== undefined;
      at = parent.get(at)
    ) {
      const { url, lineNumber } = byId.get(at)!.callFrame;
      if (!url) continue;
      const w = whereOf(url, lineNumber);
      if (seen.has(w)) continue;
      seen.add(w);
      inclusiveByFile.set(w, (inclusiveByFile.get(w) ?? 0) + micros);
    }
  }
}

const pct = (micros: number) =>
  `${((100 * micros) / total).toFixed(1).padStart(5)}%`;
const print = (
  title: string,
  map: Map<string, number>,
  filter: (key: string) => boolean = () => true
) => {
  console.log(`\n${title}`);
  for (const [key, micros] of [...map]
    .filter(([key]) => filter(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)) {
    console.log(`${pct(micros)}  ${key}`);
  }
};
console.log(
  `${files.length} profile(s), ${(total / 1e6).toFixed(1)} s busy, ${(
    idle / 1e6
  ).toFixed(1)} s idle (shares below are of busy time)`
);
print("self time by function", self);
print("self time by file or package", selfByFile);
print(
  "inclusive time by file (not node_modules, not node:)",
  inclusiveByFile,
  (key) =>
    !key.startsWith("node:") &&
    !key.startsWith("(") &&
    !/^[@a-z0-9.-]+(\/[a-z0-9.-]+)?$/i.test(key)
);
if (callersOf) print(`call chains into ${callersOf} (inclusive)`, callers);
