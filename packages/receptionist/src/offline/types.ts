// What the policy hears and does is the engine's port; only the dialogue's own states are defined here.
export type { PolicyAction, PolicyInput } from '@receptionist/engine/local';

export type Flow = 'book' | 'message' | 'reschedule' | 'cancel' | 'check';

export type Awaiting =
  | 'intent'
  | 'service'
  | 'when'
  | 'name'
  | 'phone'
  | 'confirm_phone'
  | 'spell_name'
  | 'booking_date'
  | 'verification_code'
  | 'confirm_booking'
  | 'message_reason'
  | 'offer_message'
  | 'confirm_cancel'
  | 'tool'
  | 'done';
