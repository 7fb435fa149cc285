import { rescheduleAppointmentHandler } from '../../../../../../server/api/appointments.ts';
import { apiRoute } from '../../../../../../server/api/context.ts';
import { apiDependencies } from '../../../../../../server/api/routes.ts';

export const dynamic = 'force-dynamic';
export const POST = apiRoute(apiDependencies, rescheduleAppointmentHandler);
