import { builtinModules, createRequire } from 'node:module';
import type { Rolldown } from 'tsdown';

const require = createRequire(import.meta.url);
const BUILTIN = new Set(builtinModules);
const DEFAULT_IMPORT = /^import ([A-Za-z_$][\w$]*) from (["'])((?:node:)?[\w/]+)\2;?$/gm;
/** `let node_https = require("node:https");` not followed by the interop wrapper. */
const UNWRAPPED = /^let (node_\w+) = require\("node:[\w/]+"\);\n(?!\1 = )/gm;

/**
 * rolldown (1.0.0-rc.17, the CommonJS output) loses the interop of a default import of a Node
 * built-in that another module re-exports (`@smithy/node-http-handler`'s `node-https.js`):
 * `node_https.default.Agent` of a bare `require("node:https")` is undefined, and every SDK call
 * over HTTP/1.1 failed. A built-in's default export is its `module.exports`, whose properties are
 * also its named exports, so a namespace import reads the same. Only for built-ins that are not
 * functions (`import assert from 'node:assert'` is called). The check in renderChunk fails the
 * build if an unwrapped `.default` still reaches the output.
 */
export function builtinDefaultImports(): Rolldown.Plugin {
  return {
    name: 'builtin-default-imports',
    transform: {
      filter: { code: /^import [A-Za-z_$][\w$]* from ["'](?:node:)?[\w/]+["']/m },
      handler(code) {
        const rewritten = code.replace(
          DEFAULT_IMPORT,
          (line, name: string, quote: string, specifier: string) => {
            const bare = specifier.replace(/^node:/, '');
            if (!BUILTIN.has(bare) || typeof require(specifier) === 'function') return line;
            return `import * as ${name} from ${quote}${specifier}${quote};`;
          },
        );
        return rewritten === code ? undefined : { code: rewritten, map: null };
      },
    },
    renderChunk(code, chunk) {
      for (const [, binding] of code.matchAll(UNWRAPPED)) {
        if (code.includes(`${binding}.default`)) {
          throw new Error(
            `${chunk.fileName}: ${binding}.default of a bare require() (see builtin-default-imports.ts)`,
          );
        }
      }
      return null;
    },
  };
}
