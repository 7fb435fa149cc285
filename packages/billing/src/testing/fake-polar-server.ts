import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signPolarWebhook } from '../webhook-signature.ts';
import {
  type FakeCheckout,
  type FakeCustomer,
  type FakeProduct,
  type FakeSubscription,
  checkoutJson,
  customerJson,
  customerSessionJson,
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

export interface IngestedEvent {
  name: string;
  externalCustomerId: string;
  externalId: string | null;
  metadata: Record<string, unknown>;
  timestamp: string | null;
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
const MAX_BODY_BYTES = 1_000_000;
const PERIOD_MS = 30 * 24 * 3_600_000;

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function validationError(
  response: ServerResponse,
  loc: Array<string | number>,
  msg: string,
  input: unknown,
): void {
  send(response, 422, { detail: [{ loc: ['body', ...loc], msg, type: 'value_error', input }] });
}

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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

  async function handleApi(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      send(response, 401, { error: 'Unauthorized', detail: 'Invalid or missing access token' });
      return;
    }
    let body: unknown;
    try {
      const text = await readBody(request);
      body = text === '' ? {} : JSON.parse(text);
    } catch {
      send(response, 422, {
        detail: [{ loc: ['body'], msg: 'JSON decode error', type: 'json_invalid', input: null }],
      });
      return;
    }
    if (!isRecord(body)) return validationError(response, [], 'Input should be a valid dictionary', body);

    if (request.method === 'POST' && path === '/v1/checkouts/') {
      const ids = body.products;
      if (!Array.isArray(ids) || ids.length === 0) {
        return validationError(
          response,
          ['products'],
          'List should have at least 1 item after validation',
          ids,
        );
      }
      const product = products.get(String(ids[0]));
      if (product === undefined) {
        return validationError(response, ['products', 0], 'Product does not exist.', ids[0]);
      }
      const id = randomUUID();
      const checkout: FakeCheckout = {
        id,
        clientSecret: `polar_c_${randomBytes(16).toString('hex')}`,
        status: 'open',
        product,
        externalCustomerId: typeof body.external_customer_id === 'string' ? body.external_customer_id : null,
        customerId: null,
        customerEmail: typeof body.customer_email === 'string' ? body.customer_email : null,
        customerName: typeof body.customer_name === 'string' ? body.customer_name : null,
        successUrl:
          typeof body.success_url === 'string' ? body.success_url : `${baseUrl}/checkout/${id}/confirmation`,
        returnUrl: typeof body.return_url === 'string' ? body.return_url : null,
        metadata: isRecord(body.metadata) ? (body.metadata as Record<string, string | number | boolean>) : {},
        createdAtMs: now(),
        url: `${baseUrl}/checkout/${id}`,
        subscriptionId: null,
      };
      checkouts.set(id, checkout);
      return send(response, 201, checkoutJson(checkout));
    }

    if (request.method === 'POST' && path === '/v1/customer-sessions/') {
      const externalId = body.external_customer_id;
      if (typeof externalId !== 'string' || externalId === '') {
        return validationError(response, ['external_customer_id'], 'Field required', externalId);
      }
      const customer = customers.get(externalId);
      if (customer === undefined)
        return send(response, 404, { error: 'ResourceNotFound', detail: 'Not found' });
      const token = `polar_cst_${randomBytes(16).toString('hex')}`;
      portalTokens.set(token, externalId);
      return send(
        response,
        201,
        customerSessionJson({
          id: randomUUID(),
          token,
          customer,
          portalUrl: `${baseUrl}/portal/${token}`,
          returnUrl: typeof body.return_url === 'string' ? body.return_url : null,
          createdAtMs: now(),
        }),
      );
    }

    if (request.method === 'POST' && path === '/v1/events/ingest') {
      const list = body.events;
      if (!Array.isArray(list)) return validationError(response, ['events'], 'Field required', list);
      const accepted: IngestedEvent[] = [];
      for (const [index, item] of list.entries()) {
        if (
          !isRecord(item) ||
          typeof item.name !== 'string' ||
          typeof item.external_customer_id !== 'string'
        ) {
          return validationError(
            response,
            ['events', index],
            'name and external_customer_id are required',
            item,
          );
        }
        accepted.push({
          name: item.name,
          externalCustomerId: item.external_customer_id,
          externalId: typeof item.external_id === 'string' ? item.external_id : null,
          metadata: isRecord(item.metadata) ? item.metadata : {},
          timestamp: typeof item.timestamp === 'string' ? item.timestamp : null,
        });
      }
      let inserted = 0;
      let duplicates = 0;
      for (const event of accepted) {
        if (event.externalId !== null && eventIds.has(event.externalId)) {
          duplicates += 1;
          continue;
        }
        if (event.externalId !== null) eventIds.add(event.externalId);
        events.push(event);
        inserted += 1;
      }
      return send(response, 200, { inserted, duplicates });
    }

    const revoke = /^\/v1\/subscriptions\/([\w-]+)$/.exec(path);
    if (request.method === 'DELETE' && revoke !== null) {
      const subscription = subscriptions.get(revoke[1] ?? '');
      if (subscription === undefined)
        return send(response, 404, { error: 'ResourceNotFound', detail: 'Not found' });
      if (subscription.endedAtMs !== null) {
        return send(response, 403, {
          error: 'AlreadyCanceledSubscription',
          detail: 'This subscription is already revoked.',
        });
      }
      Object.assign(subscription, {
        status: 'canceled',
        canceledAtMs: now(),
        endedAtMs: now(),
        modifiedAtMs: now(),
      });
      return send(response, 200, subscriptionJson(subscription));
    }

    send(response, 404, { error: 'ResourceNotFound', detail: 'Not found' });
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
      ? handleApi(request, response, path)
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
