/**
 * Where a cold start's module load goes, from a V8 CPU profile (`node --cpu-prof`) of one
 * process that loaded an unminified bundle: every sample taken inside the load window is
 * charged to the bundled module whose code was running, or, for Node's own code, to the
 * bundled module that called it (the http client a package drives is that package's cost).
 * Compiling the bundle's source and collecting garbage are kept apart.
 */

/** The parts of a `.cpuprofile` this reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
    /** Self samples per source line (1-based), over the whole profile. */
    readonly positionTicks?: readonly { readonly line: number; readonly ticks: number }[];
  }[];
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where module lines begin in an unminified esbuild bundle: its `// <path>` comments. */
export interface ModuleMap {
  readonly startLines: readonly number[];
  readonly names: readonly string[];
}

/** What an esbuild source path is charged to: its package, or our own source folder. */
export const ownerOf = (sourcePath: string): string => {
  const inPackage = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(sourcePath);
  if (inPackage) return inPackage[1]!;
  const ours = /^(packages\/[^/]+\/src\/[^/.]+)/.exec(sourcePath);
  return ours ? ours[1]! : sourcePath;
};

export const moduleMapOf = (bundleText: string): ModuleMap => {
  const startLines: number[] = [];
  const names: string[] = [];
  bundleText.split('\n').forEach((line, index) => {
    const comment = /^\/\/ (\S+\/\S+)$/.exec(line);
    if (comment) {
      startLines.push(index);
      names.push(ownerOf(comment[1]!));
    }
  });
  return { startLines, names };
};

/** The module a 0-based line of the bundle belongs to. */
const moduleAt = (map: ModuleMap, line: number): string => {
  let low = 0;
  let high = map.startLines.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (map.startLines[middle]! <= line) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  // Lines before the first module: esbuild's runtime helpers and the entry's own statements.
  return found < 0 ? 'bundle top level' : map.names[found]!;
};

export const COMPILE = 'reading and compiling the bundle';
export const BUILT_INS = "Node's built-in modules it imports";
export const HARNESS = "the bench's child process (child.cjs)";
export const GARBAGE_COLLECTION = 'garbage collection';
export const NODE_ITSELF = 'Node: I/O callbacks and the rest (no bundle caller)';

/** Frames of Node's ES module loader, and what a sample under each is charged to. */
const LOADER_FRAMES: Readonly<Record<string, string>> = {
  moduleStrategy: COMPILE,
  builtinStrategy: BUILT_INS,
};

export interface LoadAttribution {
  /** Microseconds per owner. */
  readonly byOwner: ReadonlyMap<string, number>;
  /** Microseconds with each named function on the stack (it and what it called). */
  readonly byFunction: ReadonlyMap<string, number>;
  readonly totalUs: number;
}

/**
 * Charges the samples between `fromUs` and `toUs` (the profile's clock: `process.hrtime` in µs)
 * taken in `bundleUrl`'s process. `functions` are matched by name, with the digit suffix
 * esbuild adds when two modules use one name.
 */
export function attributeLoad(
  profile: CpuProfile,
  bundleUrl: string,
  map: ModuleMap,
  window: { readonly fromUs: number; readonly toUs: number },
  functions: readonly string[] = [],
): LoadAttribution {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (into: Map<string, number>, key: string, us: number) => into.set(key, (into.get(key) ?? 0) + us);
  const patterns = functions.map((name) => ({ name, pattern: new RegExp(`^${name}\\d*$`) }));
  const nameOf = (functionName: string) => patterns.find(({ pattern }) => pattern.test(functionName))?.name;

  let time = profile.startTime;
  let totalUs = 0;
  profile.samples.forEach((sampleId, index) => {
    const delta = profile.timeDeltas[index]!;
    time += delta;
    if (time < window.fromUs || time >= window.toUs) return;
    totalUs += delta;
    for (const [owner, share] of ownersOfSample(sampleId, byId, parentOf, bundleUrl, map)) {
      add(byOwner, owner, delta * share);
    }
    const seen = new Set<string>();
    for (let id: number | undefined = sampleId; id !== undefined; id = parentOf.get(id)) {
      const name = nameOf(byId.get(id)!.callFrame.functionName);
      if (name && !seen.has(name)) {
        seen.add(name);
        add(byFunction, name, delta);
      }
    }
  });
  return { byOwner, byFunction, totalUs };
}

type ProfileNode = CpuProfile['nodes'][number];

/**
 * Who a sample is charged to, as shares. A bundle frame is split by the lines its samples hit
 * (V8's position ticks): esbuild hoists every ES module's top-level statements into one
 * function, whose frame alone would say nothing about which module was running.
 */
function ownersOfSample(
  sampleId: number,
  byId: ReadonlyMap<number, ProfileNode>,
  parentOf: ReadonlyMap<number, number>,
  bundleUrl: string,
  map: ModuleMap,
): [string, number][] {
  const node = byId.get(sampleId)!;
  const frame = node.callFrame;
  if (frame.url === bundleUrl) return sharesByLine(node, map);
  if (frame.functionName === '(garbage collector)') return [[GARBAGE_COLLECTION, 1]];
  // The nearest caller that says who asked: a bundled module, the loader, or the harness.
  for (let id = parentOf.get(sampleId); id !== undefined; id = parentOf.get(id)) {
    const caller = byId.get(id)!.callFrame;
    if (caller.url === bundleUrl) return [[moduleAt(map, caller.lineNumber), 1]];
    const loaderStep = LOADER_FRAMES[caller.functionName];
    if (loaderStep) return [[loaderStep, 1]];
    if (caller.url.endsWith('/child.cjs')) return [[HARNESS, 1]];
  }
  return [[NODE_ITSELF, 1]];
}

function sharesByLine(node: ProfileNode, map: ModuleMap): [string, number][] {
  const ticks = node.positionTicks ?? [];
  const total = ticks.reduce((sum, t) => sum + t.ticks, 0);
  if (total === 0) return [[moduleAt(map, node.callFrame.lineNumber), 1]];
  const shares = new Map<string, number>();
  for (const { line, ticks: count } of ticks) {
    const owner = moduleAt(map, line - 1);
    shares.set(owner, (shares.get(owner) ?? 0) + count / total);
  }
  return [...shares];
}
