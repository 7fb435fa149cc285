import type { Executor } from '../client.ts';
import { DbError } from '../errors.ts';
import { createApiKeysDal } from './api-keys.ts';
import { createAppointmentsDal } from './appointments.ts';
import { createBillingDal } from './billing.ts';
import { createBusinessDal } from './business.ts';
import { createCalendarDal } from './calendar.ts';
import { createCallRecordingsDal } from './call-recordings.ts';
import { createCallerCodesDal } from './caller-codes.ts';
import { createCallsDal } from './calls.ts';
import { createCustomersDal } from './customers.ts';
import { createJobsDal } from './jobs.ts';
import { createKnowledgeGapsDal } from './knowledge-gaps.ts';
import { createMembersDal } from './members.ts';
import { createMessagesDal } from './messages.ts';
import { createNotificationsDal } from './notifications.ts';
import { createOutboundDal } from './outbound.ts';
import { createPhoneNumbersDal } from './phone-numbers.ts';
import { createServicesDal } from './services.ts';
import { createTwilioAccountDal } from './twilio-account.ts';
import { createVerificationAttemptsDal } from './verification-attempts.ts';
import { createVoicemailsDal } from './voicemails.ts';
import { createWebhooksDal } from './webhooks.ts';

/**
 * Every tenant-owned read and write goes through this object: each query it makes is filtered by (and
 * each row it writes carries) `businessId`, so code holding it cannot reach another business's rows.
 */
export interface TenantDb {
  readonly businessId: string;
  readonly business: ReturnType<typeof createBusinessDal>;
  readonly phoneNumbers: ReturnType<typeof createPhoneNumbersDal>;
  readonly calls: ReturnType<typeof createCallsDal>;
  readonly services: ReturnType<typeof createServicesDal>;
  readonly customers: ReturnType<typeof createCustomersDal>;
  readonly appointments: ReturnType<typeof createAppointmentsDal>;
  readonly messages: ReturnType<typeof createMessagesDal>;
  readonly apiKeys: ReturnType<typeof createApiKeysDal>;
  readonly members: ReturnType<typeof createMembersDal>;
  readonly jobs: ReturnType<typeof createJobsDal>;
  readonly webhooks: ReturnType<typeof createWebhooksDal>;
  readonly knowledgeGaps: ReturnType<typeof createKnowledgeGapsDal>;
  readonly notifications: ReturnType<typeof createNotificationsDal>;
  readonly voicemails: ReturnType<typeof createVoicemailsDal>;
  readonly callRecordings: ReturnType<typeof createCallRecordingsDal>;
  readonly billing: ReturnType<typeof createBillingDal>;
  readonly twilioAccount: ReturnType<typeof createTwilioAccountDal>;
  readonly verificationAttempts: ReturnType<typeof createVerificationAttemptsDal>;
  readonly callerCodes: ReturnType<typeof createCallerCodesDal>;
  readonly outbound: ReturnType<typeof createOutboundDal>;
  readonly calendar: ReturnType<typeof createCalendarDal>;
  /**
   * Runs `work` in a write transaction (BEGIN IMMEDIATE; a savepoint when already inside one) with a
   * tenant DAL bound to it. Keep it short and never await the network inside.
   */
  transaction<T>(work: (tenant: TenantDb) => Promise<T>): Promise<T>;
}

export interface TenantOptions {
  /**
   * `ex` is a transaction its owner rolls back whole if any write in it fails (the call-log outbox's
   * batch): `transaction` then runs its work inline, because a savepoint inside would only add two
   * statements (SAVEPOINT, RELEASE) to every use without making anything more atomic.
   */
  enclosedInTransaction?: boolean;
}

export function forBusiness(ex: Executor, businessId: string, options: TenantOptions = {}): TenantDb {
  if (typeof businessId !== 'string' || businessId.trim() === '') {
    throw new DbError('invalid_input', 'a business id is required for tenant data access');
  }
  const tenant: TenantDb = {
    businessId,
    business: createBusinessDal(ex, businessId),
    phoneNumbers: createPhoneNumbersDal(ex, businessId),
    calls: createCallsDal(ex, businessId),
    services: createServicesDal(ex, businessId),
    customers: createCustomersDal(ex, businessId),
    appointments: createAppointmentsDal(ex, businessId),
    messages: createMessagesDal(ex, businessId),
    apiKeys: createApiKeysDal(ex, businessId),
    members: createMembersDal(ex, businessId),
    jobs: createJobsDal(ex, businessId),
    webhooks: createWebhooksDal(ex, businessId),
    knowledgeGaps: createKnowledgeGapsDal(ex, businessId),
    notifications: createNotificationsDal(ex, businessId),
    voicemails: createVoicemailsDal(ex, businessId),
    callRecordings: createCallRecordingsDal(ex, businessId),
    billing: createBillingDal(ex, businessId),
    twilioAccount: createTwilioAccountDal(ex, businessId),
    verificationAttempts: createVerificationAttemptsDal(ex, businessId),
    callerCodes: createCallerCodesDal(ex, businessId),
    outbound: createOutboundDal(ex, businessId),
    calendar: createCalendarDal(ex, businessId),
    transaction: options.enclosedInTransaction
      ? (work) => work(tenant)
      : (work) => ex.transaction((tx) => work(forBusiness(tx, businessId))),
  };
  return tenant;
}

export type { ApiKeySummary } from './api-keys.ts';
export type { BookAppointmentInput, MoveAppointmentInput } from './appointments.ts';
export { type BillingAccountPatch, claimPolarWebhook, type UsageTotals } from './billing.ts';
export type { BusinessPatch } from './business.ts';
export type { BusyRange, CalendarConnectionPatch, CalendarSourcePatch } from './calendar.ts';
export type { RankedCall, RankedSearchInput } from './call-list.ts';
export type { CreateCallRecordingInput } from './call-recordings.ts';
export { callSearchMatch, type SnippetPart, searchWords } from './call-search-query.ts';
export type { CallSnippet } from './call-snippets.ts';
export type {
  AppendTurnInput,
  CallDetail,
  CallListFilters,
  CreateCallInput,
  EndCallInput,
  RecordToolCallInput,
} from './calls.ts';
export type { KnowledgeGapGroup } from './knowledge-gaps.ts';
export type { Member } from './members.ts';
export type { CreateMessageInput } from './messages.ts';
export type { NotificationSendInput, NotificationSettingsInput } from './notifications.ts';
export type { CreateOutboundCallInput, OutboundCallPatch } from './outbound.ts';
export type { ServiceInput } from './services.ts';
export type { CompleteVoicemailInput, CreateVoicemailInput } from './voicemails.ts';
export type { WebhookAttemptPatch, WebhookEndpointSummary } from './webhooks.ts';
