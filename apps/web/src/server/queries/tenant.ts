import { forBusiness } from '@receptionist/db';
import type { Database } from '../db.ts';

/**
 * The dashboard's and the REST API's window onto one business's rows: reads only. Every write goes
 * through a @receptionist/domain verb; this object has no method that could write.
 */
export function readTenant(db: Database, businessId: string) {
  const tenant = forBusiness(db, businessId);
  return {
    businessId,
    business: { get: tenant.business.get },
    calls: {
      get: tenant.calls.get,
      list: tenant.calls.list,
      searchRanked: tenant.calls.searchRanked,
      snippets: tenant.calls.snippets,
    },
    customers: { get: tenant.customers.get, list: tenant.customers.list },
    appointments: { get: tenant.appointments.get, list: tenant.appointments.list },
    messages: { get: tenant.messages.get, list: tenant.messages.list },
    apiKeys: { list: tenant.apiKeys.list },
    phoneNumbers: { list: tenant.phoneNumbers.list },
    members: { list: tenant.members.list },
    webhooks: {
      listEndpoints: tenant.webhooks.listEndpoints,
      getEndpoint: tenant.webhooks.getEndpointSummary,
      listDeliveries: tenant.webhooks.listDeliveries,
    },
    knowledgeGaps: {
      listOpenGroups: tenant.knowledgeGaps.listOpenGroups,
      countOpen: tenant.knowledgeGaps.countOpen,
    },
  };
}

export type TenantReader = ReturnType<typeof readTenant>;
