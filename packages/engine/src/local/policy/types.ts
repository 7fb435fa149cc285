import type { ToolResult } from '../../tool.ts';

/** What the policy hears. */
export type PolicyInput =
  | { type: 'start' }
  | { type: 'caller_text'; text: string }
  | { type: 'dtmf'; digit: string }
  | { type: 'tool_result'; name: string; result: ToolResult };

/** What the policy wants done, in order. The engine performs them; the policy never does I/O. */
export type PolicyAction =
  | { type: 'say'; text: string }
  | { type: 'call_tool'; name: string; args: Record<string, unknown> }
  | { type: 'decision'; kind: string; detail: string; data?: Record<string, unknown> };

export type Flow = 'book' | 'message' | 'reschedule' | 'cancel' | 'check';

export type Awaiting =
  | 'intent'
  | 'service'
  | 'when'
  | 'name'
  | 'phone'
  | 'booking_date'
  | 'confirm_booking'
  | 'message_reason'
  | 'offer_message'
  | 'confirm_cancel'
  | 'tool'
  | 'done';
