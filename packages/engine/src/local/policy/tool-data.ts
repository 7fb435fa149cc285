/**
 * Reading the structured `data` of tool results without depending on the domain package's exact types:
 * the policy only needs free start times and appointment ids, found by shape.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const START_KEY = /^(start|startsAt|startAt|startTime|starts_at|start_time|time|dateTime|datetime)$/;

function startOf(item: unknown): string | undefined {
  if (typeof item === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(item)) return item;
  if (!isRecord(item)) return undefined;
  // The domain's shape: local { date: 'YYYY-MM-DD', time: 'HH:mm' } in the business's zone.
  if (typeof item.date === 'string' && typeof item.time === 'string' && /^\d{2}:\d{2}/.test(item.time)) {
    return `${item.date}T${item.time}`;
  }
  for (const [key, value] of Object.entries(item)) {
    if (START_KEY.test(key) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  }
  return undefined;
}

/** Every array in `data` (depth-first) whose items carry an ISO start time. */
function arraysWithStarts(data: unknown, depth = 0): unknown[][] {
  if (depth > 4) return [];
  if (Array.isArray(data)) {
    if (data.length > 0 && data.every((item) => startOf(item) !== undefined)) return [data];
    return data.flatMap((item) => arraysWithStarts(item, depth + 1));
  }
  if (isRecord(data)) return Object.values(data).flatMap((value) => arraysWithStarts(value, depth + 1));
  return [];
}

/** Free slot start times listed in a check_availability result, or undefined when it lists none by shape. */
export function freeSlotStarts(data: unknown): string[] | undefined {
  const arrays = arraysWithStarts(data);
  if (arrays.length === 0) return isRecord(data) && Array.isArray(data.slots) ? [] : undefined;
  return arrays.flat().flatMap((item) => startOf(item) ?? []);
}

/** The first appointment (id + start) in a find_my_appointments result. */
export function firstAppointment(data: unknown): { id: string; startsAt: string } | undefined {
  for (const list of arraysWithStarts(data)) {
    for (const item of list) {
      if (isRecord(item) && (typeof item.id === 'string' || typeof item.appointmentId === 'string')) {
        return { id: String(item.appointmentId ?? item.id), startsAt: startOf(item) ?? '' };
      }
    }
  }
  if (isRecord(data) && isRecord(data.appointment)) return firstAppointment([data.appointment]);
  return undefined;
}
