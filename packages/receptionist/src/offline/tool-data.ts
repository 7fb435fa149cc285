import type { ToolResult } from '@receptionist/engine';
import { toolData } from '../tools/data.ts';

/**
 * The two facts the policy needs from tool results, read from the tools' typed `data`: the free start
 * times of a check_availability result and the first appointment of a find_my_appointments result.
 */

/** Free slot starts (`YYYY-MM-DDTHH:mm`, business zone); undefined when the result lists no slots at all. */
export function freeSlotStarts(result: ToolResult): string[] | undefined {
  return toolData('check_availability', result)?.slots?.map((slot) => `${slot.date}T${slot.time}`);
}

/** The caller's first appointment (id + local start) in a find_my_appointments result. */
export function firstAppointment(result: ToolResult): { id: string; startsAt: string } | undefined {
  const first = toolData('find_my_appointments', result)?.appointments?.[0];
  return first === undefined ? undefined : { id: first.id, startsAt: `${first.date}T${first.time}` };
}
