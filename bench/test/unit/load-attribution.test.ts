import {
  attributeLoad,
  COMPILE,
  GARBAGE_COLLECTION,
  HARNESS,
  moduleMapOf,
  NODE_ITSELF,
  ownerOf,
  type CpuProfile,
} from '../../cold-start/load-attribution';

const BUNDLE = 'file:///tmp/fn/index.mjs';

// Lines 0-2 belong to package `a`, 3-5 to our lambda folder (0-based, as V8 counts call frames).
const bundleText = [
  '// node_modules/.pnpm/a@1.0.0/node_modules/a/index.js',
  'var a = 1;',
  'function fromA() {}',
  '// packages/http-lambda/src/lambda/after-response-extension.ts',
  'function register() {}',
  'register();',
].join('\n');

const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

/** root > loader > compile; root > top level (ticks on a line of each module) > node:http; root > harness > socket. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 4, 6, 8] },
    { id: 2, callFrame: frame('moduleStrategy', 'node:internal/modules/esm/translators'), children: [3] },
    { id: 3, callFrame: frame('compileSourceTextModule', 'node:internal/modules/esm/utils') },
    {
      id: 4,
      callFrame: frame('', BUNDLE, 0),
      children: [5],
      // 1-based lines: line 2 is in `a`, line 6 in our lambda folder, three times as often.
      positionTicks: [
        { line: 2, ticks: 1 },
        { line: 6, ticks: 3 },
      ],
    },
    { id: 5, callFrame: frame('request', 'node:http') },
    { id: 6, callFrame: frame('', 'file:///repo/bench/cold-start/child.cjs'), children: [7] },
    { id: 7, callFrame: frame('onSocket', 'node:net') },
    { id: 8, callFrame: frame('(garbage collector)', '') },
  ],
  startTime: 1_000,
  // Each sample is charged the time since the one before it.
  samples: [3, 3, 4, 4, 5, 7, 8, 1, 3],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100],
};

describe('load attribution of a CPU profile', () => {
  it('names the package of a pnpm path, and our own source by package and folder', () => {
    expect(ownerOf('node_modules/.pnpm/@inversifyjs+core@1.2.0/node_modules/@inversifyjs/core/lib/index.js')).toBe(
      '@inversifyjs/core',
    );
    expect(ownerOf('node_modules/reflect-metadata/lite.js')).toBe('reflect-metadata');
    expect(ownerOf('packages/http-lambda/src/composition/lambda-root.ts')).toBe('packages/http-lambda/src/composition');
  });

  it('charges each sample in the window to the module, loader step or harness that ran it', () => {
    // Prepare: the window leaves out the first sample (t=1100) and the last (t=1900)
    const window = { fromUs: 1_150, toUs: 1_900 };
    // Act
    const result = attributeLoad(profile, BUNDLE, moduleMapOf(bundleText), window, ['register']);
    // Assess
    expect(result.totalUs).toBe(700);
    expect(Object.fromEntries(result.byOwner)).toEqual({
      [COMPILE]: 100,
      // Two top-level samples split 1:3 by line, and node:http's sample goes to its bundled caller's first line.
      a: 2 * 100 * 0.25 + 100,
      'packages/http-lambda/src/lambda': 2 * 100 * 0.75,
      [HARNESS]: 100,
      [GARBAGE_COLLECTION]: 100,
      [NODE_ITSELF]: 100,
    });
  });

  it('times a named function with what it calls, whatever digit esbuild appended to its name', () => {
    // Prepare
    const renamed: CpuProfile = {
      ...profile,
      nodes: profile.nodes.map((node) =>
        node.id === 4 ? { ...node, callFrame: frame('register2', BUNDLE, 4), positionTicks: [] } : node,
      ),
    };
    // Act
    const result = attributeLoad(renamed, BUNDLE, moduleMapOf(bundleText), { fromUs: 0, toUs: 10_000 }, ['register']);
    // Assess: its two own samples and the node:http one beneath it
    expect(result.byFunction.get('register')).toBe(300);
    expect(result.byOwner.get('packages/http-lambda/src/lambda')).toBe(300);
  });
});
