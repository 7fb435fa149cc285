/**
 * Row types and enum values the pages and the REST API render. Re-exported here so that this folder
 * stays the only part of the web app that imports @receptionist/db (besides the connection in db.ts).
 */
export {
  APPOINTMENT_STATUSES,
  type ApiKeySummary,
  type AppointmentRow,
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallDirection,
  type CallDetail,
  type CallOutcome,
  type CallRow,
  type CallStatus,
  type CallTurnRow,
  DbError,
  type MembershipRole,
  type MessageRow,
  type SnippetPart,
  type ToolCallRow,
  type UserRow,
  type WebhookDeliveryRow,
  type WebhookEndpointSummary,
} from '@receptionist/db';
