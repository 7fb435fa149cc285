import { createAppointmentHandler, listAppointmentsHandler } from '../../../../server/api/appointments.ts';
import { apiRoute } from '../../../../server/api/context.ts';
import { apiDependencies } from '../../../../server/api/routes.ts';

export const dynamic = 'force-dynamic';
export const GET = apiRoute(apiDependencies, listAppointmentsHandler);
export const POST = apiRoute(apiDependencies, createAppointmentHandler);
