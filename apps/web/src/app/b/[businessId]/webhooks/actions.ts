'use server';

import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  isDomainError,
  redeliverWebhook,
  tenantContext,
  WEBHOOK_EVENT_TYPES,
} from '@receptionist/domain';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireOwner } from '../../../../server/auth/current-user.ts';
import { systemClock } from '../../../../server/clock.ts';
import { getDb } from '../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../server/http/action-guard.ts';
import { log } from '../../../../server/log.ts';
import { webhookUrlPolicy } from '../../../../server/webhook-url-policy.ts';

/** Webhook endpoints from the dashboard: owners only, every write through a domain verb. */

export interface CreateWebhookState {
  created?: { id: string; secret: string };
  error?: string;
}

const CreateWebhook = z.object({
  businessId: z.string().min(1),
  url: z.string().trim().min(1, 'Enter the receiver’s URL'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Pick at least one event'),
});

async function staffContext(businessId: string) {
  const { user } = await requireOwner(businessId);
  return { user, ctx: tenantContext(await getDb(), businessId, { kind: 'staff', userId: user.id }) };
}

export async function createWebhookAction(
  _previous: CreateWebhookState,
  formData: FormData,
): Promise<CreateWebhookState> {
  await assertSameOriginAction();
  const input = CreateWebhook.safeParse({
    businessId: formData.get('businessId'),
    url: formData.get('url'),
    events: formData.getAll('events'),
  });
  if (!input.success) return { error: input.error.issues[0]?.message ?? 'Check the form' };
  const { user, ctx } = await staffContext(input.data.businessId);
  try {
    const endpoint = await createWebhookEndpoint({
      ctx: { ...ctx, nowMs: systemClock(), urlPolicy: webhookUrlPolicy() },
      input: { url: input.data.url, events: input.data.events },
    });
    log.info(
      { userId: user.id, businessId: input.data.businessId, endpointId: endpoint.id },
      'webhook created',
    );
    revalidatePath(`/b/${input.data.businessId}/webhooks`);
    return { created: { id: endpoint.id, secret: endpoint.secret } };
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    throw error;
  }
}

const EndpointForm = z.object({ businessId: z.string().min(1), endpointId: z.string().min(1) });

export async function deleteWebhookAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = EndpointForm.parse(Object.fromEntries(formData));
  const { user, ctx } = await staffContext(input.businessId);
  await deleteWebhookEndpoint({ ctx, input: { endpointId: input.endpointId } });
  log.info(
    { userId: user.id, businessId: input.businessId, endpointId: input.endpointId },
    'webhook deleted',
  );
  revalidatePath(`/b/${input.businessId}/webhooks`);
  redirect(`/b/${input.businessId}/webhooks`);
}

export async function enableWebhookAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = EndpointForm.parse(Object.fromEntries(formData));
  const { ctx } = await staffContext(input.businessId);
  await enableWebhookEndpoint({ ctx, input: { endpointId: input.endpointId } });
  revalidatePath(`/b/${input.businessId}/webhooks`);
}

const RedeliverForm = EndpointForm.extend({ deliveryId: z.string().min(1) });

export async function redeliverWebhookAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = RedeliverForm.parse(Object.fromEntries(formData));
  const { ctx } = await staffContext(input.businessId);
  try {
    await redeliverWebhook({
      ctx: { ...ctx, nowMs: systemClock() },
      input: { endpointId: input.endpointId, deliveryId: input.deliveryId },
    });
  } catch (error) {
    // Pending or disabled: the page already shows why; nothing to do.
    if (!isDomainError(error)) throw error;
  }
  revalidatePath(`/b/${input.businessId}/webhooks/${input.endpointId}`);
}
