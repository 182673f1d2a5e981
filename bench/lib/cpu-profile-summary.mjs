// Self time of a V8 CPU profile (`--cpu-prof`) by package and by function, for the profiling diagnostics.

/** Where a profiled function's code comes from: an Interlingua package, undici, Node's internals, another module. */
export function packageOf(url) {
  if (url.includes('/packages/')) return `interlingua:${url.split('/packages/')[1].split('/')[0]}`;
  if (url.includes('undici')) return 'undici';
  if (url.startsWith('node:')) return 'node-internals';
  if (url.includes('node_modules')) return url.split('node_modules/').at(-1).split('/')[0];
  return url;
}

/**
 * Sums the profile's self time (µs) by package and by function, over the samples `include(index, node)` accepts
 * (every sample by default). A sample's time is the delta that follows it, as V8 records it.
 */
export function summariseCpuProfile(profile, include = () => true) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map();
  const byFunction = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length - 1; i++) {
    const node = nodes.get(profile.samples[i]);
    if (!include(i, node)) continue;
    const { callFrame } = node;
    const micros = profile.timeDeltas[i + 1];
    total += micros;
    const pkg = callFrame.url ? packageOf(callFrame.url) : callFrame.functionName || '(native)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const name = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').at(-1)}:${callFrame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  return { total, byPackage, byFunction };
}
