import type { DomainContext } from '../availability/index.ts';
import { actorOf } from '../context.ts';
import { DomainError } from '../errors.ts';

const HOUR_MS = 3_600_000;

/**
 * The business's cancellation window (`bookingRules.cancellationWindowHours`): a caller may cancel or move a
 * booking only while it starts at least that many hours from now. Staff and API keys act for the business,
 * which may always change its own bookings; 0 means any time.
 */
export function assertCancellationWindowOpen(ctx: DomainContext, appointment: { startAt: number }): void {
  const windowHours = ctx.profile.bookingRules.cancellationWindowHours;
  if (windowHours === 0 || actorOf(ctx).kind !== 'caller') return;
  if (appointment.startAt - ctx.nowMs >= windowHours * HOUR_MS) return;
  throw new DomainError(
    'cancellation_window_passed',
    `Bookings can only be changed or cancelled at least ${windowHours} ${windowHours === 1 ? 'hour' : 'hours'} before they start. I can take a message for the team instead.`,
    { details: { cancellationWindowHours: windowHours } },
  );
}
