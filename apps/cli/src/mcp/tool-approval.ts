import type { ApprovalDecision, ToolCall } from '@bedrock-chat/core';

/** Who decides a call: the allowlist, then (in an interactive chat) the user. */
export interface ApprovalPolicy {
  /** True when `--yes` allowed every tool. */
  readonly all: boolean;
  /** Whether a call of this tool runs without asking (`--allow-tool`, the config's list, "always"). */
  covers(wireName: string): boolean;
  /** Asks the user; absent when nobody can be asked (`ask`, piped input). */
  readonly ask?: ((call: ToolCall, label: string) => Promise<'yes' | 'no' | 'always'>) | undefined;
  /** `server:tool` for a wire name. */
  label(wireName: string): string;
}

export interface Approver {
  approve(call: ToolCall): Promise<ApprovalDecision>;
}

/**
 * The `approve` hook of a turn, as Claude Code decides: an allowed tool runs; otherwise the user
 * is asked (yes / no / always for this tool) where someone can answer, and else the call is
 * refused — the model is told, and the hint names the flag that would allow it.
 */
export function createApprover(policy: ApprovalPolicy): Approver {
  const always = new Set<string>();
  return {
    async approve(call) {
      if (policy.all || always.has(call.name) || policy.covers(call.name)) return true;
      const label = policy.label(call.name);
      if (policy.ask === undefined) {
        return {
          approved: false,
          reason: `${label} is not allowed in this non-interactive run (the user can allow it with --allow-tool '${label}')`,
        };
      }
      const answer = await policy.ask(call, label);
      if (answer === 'always') always.add(call.name);
      return answer === 'no' ? { approved: false, reason: 'the user said no' } : true;
    },
  };
}

/** Reads an answer to "run it? [y]es / [n]o / [a]lways": anything else is no. */
export function parseApprovalAnswer(text: string): 'yes' | 'no' | 'always' {
  const answer = text.trim().toLowerCase();
  if (answer === 'y' || answer === 'yes') return 'yes';
  if (answer === 'a' || answer === 'always') return 'always';
  return 'no';
}
