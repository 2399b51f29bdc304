import { defineConfig } from 'tsdown';
import { nodePackageConfig } from '../../tsdown.shared.ts';
import { builtinDefaultImports } from './builtin-default-imports.ts';

const SQLITE_JS = ['better-sqlite3', 'bindings', 'file-uri-to-path'];
// @modelcontextprotocol/sdk's client and what it imports (JSON Schema checks, spawning, SSE parsing).
const MCP_CLIENT_JS = [
  /^@modelcontextprotocol\/sdk/,
  'ajv',
  'ajv-formats',
  'fast-deep-equal',
  'fast-uri',
  'json-schema-traverse',
  'content-type',
  'cross-spawn',
  'isexe',
  'path-key',
  'shebang-command',
  'shebang-regex',
  'which',
  'eventsource-parser',
  'pkce-challenge',
];

export default defineConfig(
  nodePackageConfig({
    entry: ['src/bin.ts'],
    // CommonJS chunks (`.cjs`; bin/bedrock-chat.js imports dist/bin.cjs): Node 20 can reuse V8's
    // compiled code only for CommonJS (vm.Script cachedData; compile-cache.ts), and loads CommonJS
    // chunks faster than ES modules. `shims` gives core's `createRequire(import.meta.url)` its URL.
    format: 'cjs',
    fixedExtension: true,
    shims: true,
    // tsdown's advice to publish libraries as ESM: this is an app whose ESM build started slower.
    checks: { legacyCjs: false },
    dts: false,
    // Start-up time: Node loads a few dozen chunks instead of ~100 zod modules and ~40 AWS SDK
    // packages. core, commander and (through core) zod and the SDK are devDependencies, so they are
    // bundled; the native better-sqlite3 is the one runtime dependency. Any other package that would
    // end up in the bundle fails the build.
    deps: {
      // mnemonist and obliterator: the DynamoDB client's endpoint cache (only `--store dynamodb://…` loads it).
      onlyBundle: [
        'commander',
        'zod',
        /^@aws-sdk\//,
        /^@smithy\//,
        /^@aws\//,
        'mnemonist',
        'obliterator',
        // The MCP client (`--mcp`, `mcp list`): only the lazily loaded chunk of mcp-tools holds them.
        ...MCP_CLIENT_JS,
        ...SQLITE_JS,
      ],
      // better-sqlite3 stays a dependency for its native addon, but its dozen small CommonJS
      // files are bundled: loading them one by one costs ~8 ms of every command that opens the store.
      // package.json pins it exactly, so the bundled JavaScript always matches the installed addon.
      alwaysBundle: SQLITE_JS,
    },
    // The SDK's ES module builds (`module`, side-effect free) rather than its CommonJS ones: only what
    // the Converse and control-plane calls use is bundled, without CommonJS wrappers.
    inputOptions: { resolve: { mainFields: ['module', 'main'] } },
    // A chunk's import() of a Node built-in becomes require(): CommonJS needs no ES module loader.
    outputOptions: { dynamicImportInCjs: false },
    plugins: [builtinDefaultImports()],
  }),
);
