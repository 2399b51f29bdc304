/** One tool call written in a prompt: `use <tool> <json>`. */
export interface ToolDirective {
  readonly name: string;
  readonly input: unknown;
}

/**
 * The calls of one model step. `repeats`: written as `keep using`, so the model makes these calls
 * again on every later step (a loop that never ends on its own, to test step limits).
 */
export interface DirectiveStep {
  readonly calls: readonly ToolDirective[];
  readonly repeats: boolean;
}

const KEYWORD = /\b(then|keep\s+using|use)\b/gi;
/**
 * A wire name, or `server:tool` as bedrock-chat shows an MCP server's tool to people: the model is
 * asked for it by that name and calls `server__tool`, the namespaced name the CLI sends.
 */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}(?::[a-zA-Z0-9_-]{1,64})?/;

/**
 * The tool calls a prompt asks the emulated model for, step by step. `use <tool> <json>` is one
 * call; calls in one stretch of text are made at once (parallel tool use); `then` starts the next
 * step, made after the results of the previous one came back. `<json>` is a JSON object and may be
 * left out (`{}`), but then only a tool that is offered counts, so "use the force" calls nothing.
 * A name that is not offered is called anyway when it has a JSON input: a way to test how a
 * client handles a model calling an unknown tool.
 */
export function parseToolDirectives(text: string, offered: ReadonlySet<string>): DirectiveStep[] {
  const steps: DirectiveStep[] = [];
  let calls: ToolDirective[] = [];
  let repeats = false;
  const endStep = () => {
    if (calls.length > 0) steps.push({ calls, repeats });
    calls = [];
    repeats = false;
  };
  KEYWORD.lastIndex = 0;
  for (let match = KEYWORD.exec(text); match !== null; match = KEYWORD.exec(text)) {
    const keyword = (match[1] ?? '').toLowerCase();
    if (keyword === 'then') {
      endStep();
      continue;
    }
    const directive = readDirective(text, KEYWORD.lastIndex, offered);
    if (directive === undefined) continue;
    calls.push(directive.call);
    if (keyword !== 'use') repeats = true;
    KEYWORD.lastIndex = directive.end;
  }
  endStep();
  return steps;
}

function readDirective(
  text: string,
  start: number,
  offered: ReadonlySet<string>,
): { call: ToolDirective; end: number } | undefined {
  const afterSpace = skipSpace(text, start);
  if (afterSpace === start) return undefined;
  const written = TOOL_NAME.exec(text.slice(afterSpace))?.[0];
  if (written === undefined) return undefined;
  const afterName = afterSpace + written.length;
  const name = written.replace(':', '__');
  const objectStart = skipSpace(text, afterName);
  const objectEnd = text[objectStart] === '{' ? matchingBrace(text, objectStart) : undefined;
  if (objectEnd !== undefined) {
    const input = parseObject(text.slice(objectStart, objectEnd));
    if (input !== undefined) return { call: { name, input }, end: objectEnd };
  }
  return offered.has(name) ? { call: { name, input: {} }, end: afterName } : undefined;
}

function skipSpace(text: string, index: number): number {
  let position = index;
  while (position < text.length && /\s/.test(text[position] ?? '')) position++;
  return position;
}

/** The index after the `}` closing the object that opens at `start`, skipping braces in strings. */
function matchingBrace(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return index + 1;
  }
  return undefined;
}

function parseObject(json: string): unknown {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
