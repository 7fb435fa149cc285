import type { PolicyAction } from '../types.ts';

/** What the policy says in one answer, its sentences joined (for the dialogue tests). */
export function said(actions: PolicyAction[]): string {
  return actions
    .filter((action) => action.type === 'say')
    .map((action) => action.text)
    .join(' ');
}

type ToolCallAction = Extract<PolicyAction, { type: 'call_tool' }>;

/** The first tool the policy calls in one answer. */
export function toolCall(actions: PolicyAction[]): ToolCallAction | undefined {
  return actions.find((action): action is ToolCallAction => action.type === 'call_tool');
}
