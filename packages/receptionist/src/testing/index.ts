import type { ToolContext } from '@receptionist/engine';

let toolCallCounter = 0;

/** A ToolContext for a call, with a fresh tool call id unless one is given. */
export function createTestToolContext(
  businessId: string,
  callId: string,
  overrides: Partial<ToolContext> = {},
): ToolContext {
  toolCallCounter += 1;
  return { businessId, callId, toolCallId: `tc_test_${toolCallCounter}`, ...overrides };
}
