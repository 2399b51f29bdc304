// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package, to find
// where a library spends the time the raw SDK does not.
// Usage: node src/scripts/cpu-profile-summary.mjs <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

const [file, topArg = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('Usage: node src/scripts/cpu-profile-summary.mjs <file.cpuprofile> [top]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg);
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
for (let index = 0; index < profile.samples.length; index++) {
  const id = profile.samples[index];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
}

/** node_modules package (or workspace package / node internal) a script URL belongs to. */
function packageOf(url) {
  if (!url) return '(native / vm)';
  if (url.startsWith('node:')) return 'node internals';
  const match = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/);
  if (match) return match[1];
  const workspace = url.match(/\/(packages|apps|bench)\/([^/]+)/);
  return workspace ? `${workspace[1]}/${workspace[2]}` : url;
}

const byFunction = new Map();
const byPackage = new Map();
let total = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  total += us;
  const where = `${callFrame.functionName || '(anonymous)'}  ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
  byFunction.set(where, (byFunction.get(where) ?? 0) + us);
  const pkg = packageOf(callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}
const print = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}\n`,
    );
  }
};
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
print('Self time by package', byPackage);
print('Self time by function', byFunction);
