import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signPolarWebhook } from '../webhook-signature.ts';
import { type FakePolarStore, handlePolarApi, type IngestedEvent, send } from './fake-polar-api.ts';

export type { IngestedEvent } from './fake-polar-api.ts';
import {
  type FakeCheckout,
  type FakeCustomer,
  type FakeProduct,
  type FakeSubscription,
  customerJson,
  orderJson,
  subscriptionJson,
} from './polar-models.ts';

/**
 * A loopback stand-in for Polar's API (the paths, bodies, status codes and error shapes of its OpenAPI
 * document, as `@polar-sh/sdk` 0.49 calls them) and for its hosted pages: a checkout page that "pays" and
 * sends the signed webhooks Polar would, and a customer portal page. Point the SDK's `serverURL` at `url`.
 *
 * Errors as Polar answers them: 401 `{error:"Unauthorized"}`, 404 `{error:"ResourceNotFound", detail}`,
 * 422 `{detail:[{loc,msg,type,input}]}` (HTTPValidationError) and 429 with `Retry-After`; `failNext`
 * queues such answers (or a dropped connection) for the next requests to a path.
 */
export interface FakePolarOptions {
  accessToken: string;
  webhookSecret: string;
  /** Where webhooks go (`/api/webhooks/polar` of the dashboard); can be set later with `setWebhookUrl`. */
  webhookUrl?: string | undefined;
  products: FakeProduct[];
  /** The fake's clock (timestamps of objects and webhook signatures). */
  now?: () => number;
}

export interface SentWebhook {
  webhookId: string;
  type: string;
  status: number;
  body: string;
}

type Fault = { status: number; body?: unknown; retryAfterSeconds?: number } | { drop: true };

export interface FakePolarServer {
  url: string;
  readonly checkouts: ReadonlyMap<string, FakeCheckout>;
  readonly subscriptions: ReadonlyMap<string, FakeSubscription>;
  /** Accepted meter events (duplicates by external id are not added twice, as Polar does). */
  readonly events: readonly IngestedEvent[];
  readonly webhooks: readonly SentWebhook[];
  /** Every API request seen, as `METHOD path`. */
  readonly requests: readonly string[];
  setWebhookUrl(url: string): void;
  /** The next `times` requests to `path` (e.g. `/v1/events/ingest`) get this answer instead. */
  failNext(path: string, fault: Fault, times?: number): void;
  /** Completes a checkout as the hosted page does: customer, active subscription, signed webhooks. */
  completeCheckout(checkoutId: string): Promise<FakeSubscription>;
  /** Changes a subscription as Polar would (cancel, revoke, renew) and sends that event's webhook. */
  updateSubscription(
    subscriptionId: string,
    type: 'subscription.updated' | 'subscription.canceled' | 'subscription.revoked' | 'subscription.active',
    patch: Partial<
      Pick<
        FakeSubscription,
        'status' | 'cancelAtPeriodEnd' | 'periodStartMs' | 'periodEndMs' | 'canceledAtMs' | 'endedAtMs'
      >
    >,
  ): Promise<SentWebhook>;
  /** Sends one webhook with this type and data (for replays and out-of-order deliveries in tests). */
  sendWebhook(
    type: string,
    data: Record<string, unknown>,
    options?: { webhookId?: string },
  ): Promise<SentWebhook>;
  subscriptionPayload(subscription: FakeSubscription): Record<string, unknown>;
  close(): Promise<void>;
}

const CHECKOUT_PAGE = /^\/checkout\/([\w-]+)$/;
const PORTAL_PAGE = /^\/portal\/([\w-]+)$/;
const PERIOD_MS = 30 * 24 * 3_600_000;

export async function startFakePolarServer(options: FakePolarOptions): Promise<FakePolarServer> {
  const now = options.now ?? Date.now;
  let webhookUrl = options.webhookUrl;
  const products = new Map(options.products.map((product) => [product.id, product]));
  const customers = new Map<string, FakeCustomer>(); // by external id
  const checkouts = new Map<string, FakeCheckout>();
  const subscriptions = new Map<string, FakeSubscription>();
  const portalTokens = new Map<string, string>(); // token → external id
  const events: IngestedEvent[] = [];
  const eventIds = new Set<string>();
  const webhooks: SentWebhook[] = [];
  const requests: string[] = [];
  const faults = new Map<string, Fault[]>();
  let baseUrl = '';
  const store: FakePolarStore = {
    accessToken: options.accessToken,
    baseUrl: () => baseUrl,
    now,
    products,
    customers,
    checkouts,
    subscriptions,
    portalTokens,
    events,
    eventIds,
  };

  async function sendWebhook(
    type: string,
    data: Record<string, unknown>,
    sendOptions: { webhookId?: string } = {},
  ): Promise<SentWebhook> {
    const webhookId = sendOptions.webhookId ?? `msg_${randomUUID()}`;
    const body = JSON.stringify({ type, timestamp: new Date(now()).toISOString(), data });
    if (webhookUrl === undefined) {
      // No endpoint registered in this "Polar" (status 0): the event happened, nobody was told.
      const unsent = { webhookId, type, status: 0, body };
      webhooks.push(unsent);
      return unsent;
    }
    const headers = signPolarWebhook({ body, secret: options.webhookSecret, webhookId, nowMs: now() });
    const answer = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    await answer.arrayBuffer();
    const sent = { webhookId, type, status: answer.status, body };
    webhooks.push(sent);
    return sent;
  }

  function customerFor(externalId: string, email: string | null, name: string | null): FakeCustomer {
    const existing = customers.get(externalId);
    if (existing !== undefined) return existing;
    const customer: FakeCustomer = {
      id: randomUUID(),
      externalId,
      email: email ?? `${externalId}@customers.example`,
      name,
      createdAtMs: now(),
    };
    customers.set(externalId, customer);
    return customer;
  }

  function customerStatePayload(customer: FakeCustomer): Record<string, unknown> {
    const active = [...subscriptions.values()].filter(
      (subscription) =>
        subscription.customer.id === customer.id &&
        ['active', 'trialing', 'past_due'].includes(subscription.status),
    );
    return {
      ...customerJson(customer),
      active_subscriptions: active.map((subscription) => subscriptionJson(subscription)),
      granted_benefits: [],
      active_meters: [],
    };
  }

  async function completeCheckout(checkoutId: string): Promise<FakeSubscription> {
    const checkout = checkouts.get(checkoutId);
    if (checkout === undefined) throw new Error(`fake Polar: no checkout ${checkoutId}`);
    if (checkout.subscriptionId !== null) {
      const done = subscriptions.get(checkout.subscriptionId);
      if (done !== undefined) return done;
    }
    const externalId = checkout.externalCustomerId ?? `anonymous-${checkout.id}`;
    const customer = customerFor(externalId, checkout.customerEmail, checkout.customerName);
    const startedAt = now();
    const subscription: FakeSubscription = {
      id: randomUUID(),
      status: 'incomplete',
      customer,
      product: checkout.product,
      checkoutId: checkout.id,
      createdAtMs: startedAt,
      modifiedAtMs: null,
      periodStartMs: startedAt,
      periodEndMs: startedAt + PERIOD_MS,
      cancelAtPeriodEnd: false,
      canceledAtMs: null,
      endedAtMs: null,
    };
    subscriptions.set(subscription.id, subscription);
    checkout.status = 'succeeded';
    checkout.customerId = customer.id;
    checkout.subscriptionId = subscription.id;
    // What Polar sends when a subscription checkout is paid, in its order.
    await sendWebhook('subscription.created', subscriptionJson(subscription));
    subscription.status = 'active';
    subscription.modifiedAtMs = now() + 1;
    await sendWebhook('subscription.active', subscriptionJson(subscription));
    await sendWebhook('order.paid', orderJson({ id: randomUUID(), subscription, createdAtMs: now() }));
    await sendWebhook('customer.state_changed', customerStatePayload(customer));
    return subscription;
  }

  async function handlePage(response: ServerResponse, path: string): Promise<boolean> {
    const checkoutMatch = CHECKOUT_PAGE.exec(path);
    if (checkoutMatch !== null) {
      const checkout = checkouts.get(checkoutMatch[1] ?? '');
      if (checkout === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('No such checkout');
        return true;
      }
      // The hosted checkout "pays" at once: webhooks first, then back to the success URL, as Polar does.
      await completeCheckout(checkout.id);
      const location = checkout.successUrl.replace('{CHECKOUT_ID}', checkout.id);
      response.writeHead(303, { location }).end();
      return true;
    }
    const portalMatch = PORTAL_PAGE.exec(path);
    if (portalMatch !== null) {
      const externalId = portalTokens.get(portalMatch[1] ?? '');
      response
        .writeHead(externalId === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          externalId === undefined
            ? 'Session expired'
            : '<!doctype html><title>Customer portal</title><h1>Customer portal</h1><p>Invoices, payment method and cancellation.</p>',
        );
      return true;
    }
    return false;
  }

  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    requests.push(`${request.method} ${path}`);
    const queued = faults.get(path);
    const fault = queued?.shift();
    if (fault !== undefined) {
      if ('drop' in fault) {
        request.socket.destroy();
        return;
      }
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      send(
        response,
        fault.status,
        fault.body ?? { error: 'TooManyRequests', detail: 'Rate limit exceeded' },
        headers,
      );
      return;
    }
    const work = path.startsWith('/v1/')
      ? handlePolarApi(store, request, response, path)
      : handlePage(response, path).then((handled) => {
          if (!handled) response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        });
    work.catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: 'InternalServerError', detail: String(error) });
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    checkouts,
    subscriptions,
    events,
    webhooks,
    requests,
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    failNext(path, fault, times = 1) {
      const list = faults.get(path) ?? [];
      for (let i = 0; i < times; i += 1) list.push(fault);
      faults.set(path, list);
    },
    completeCheckout,
    async updateSubscription(subscriptionId, type, patch) {
      const subscription = subscriptions.get(subscriptionId);
      if (subscription === undefined) throw new Error(`fake Polar: no subscription ${subscriptionId}`);
      Object.assign(subscription, patch, { modifiedAtMs: now() });
      return sendWebhook(type, subscriptionJson(subscription));
    },
    sendWebhook,
    subscriptionPayload: subscriptionJson,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
