import { type Intent, recognizeYesNo } from './intents.ts';
import { PROMPTS } from './prompts.ts';
import type { DialogueContext } from './state.ts';

/**
 * On a reminder call, the first answer to "can you confirm, or move or cancel it?": yes (or "confirm")
 * confirms the booking, no asks which of the two; moving and cancelling go through the usual flows with
 * the booking already known. Returns false when the text is for the ordinary intent handling.
 */
export function hearReminderAnswer(ctx: DialogueContext, text: string, intent: Intent | undefined): boolean {
  const reminder = ctx.reminderFor;
  if (reminder === undefined || ctx.reminderSettled || ctx.flow !== undefined) return false;
  if (intent === 'reschedule' || intent === 'cancel' || intent === 'transfer' || intent === 'message')
    return false;
  const answer = intent === 'check_appointment' ? 'yes' : recognizeYesNo(text);
  if (answer === 'yes') {
    ctx.reminderSettled = true;
    ctx.decide('reminder_confirmed', 'the callee confirmed the booking', {
      appointmentId: reminder.id,
    });
    ctx.callTool('confirm_appointment', { appointmentId: reminder.id });
    return true;
  }
  if (answer === 'no') {
    ctx.decide('reminder_declined', 'the callee cannot come as booked', {
      appointmentId: reminder.id,
    });
    ctx.ask('intent', PROMPTS.moveOrCancel);
    return true;
  }
  return false;
}
