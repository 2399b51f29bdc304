import * as nodeModule from 'node:module';
import { VERSION } from './version.js';

const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V' || argv[0] === '-v')) {
  // The fast path: no commander, no core, no SDK.
  process.stdout.write(`${VERSION}\n`);
} else {
  // Node 22.1+ can keep V8's compiled code for our chunks on disk between runs (as tsc does);
  // Node 20 has no such API, so this is a no-op there. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // The SDK's multi-line NodeVersionSupportWarning would land in every reply's stderr; `doctor`
  // mentions it once instead. Set before the SDK loads; a value the user set wins.
  if (process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === undefined) {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  }
  const { main } = await import('./main.js');
  process.exitCode = await main(argv);
}
