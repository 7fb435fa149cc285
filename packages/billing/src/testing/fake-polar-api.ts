import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  checkoutJson,
  customerSessionJson,
  type FakeCheckout,
  type FakeCustomer,
  type FakeProduct,
  type FakeSubscription,
  subscriptionJson,
} from './polar-models.ts';

/**
 * The fake Polar's REST API: the paths, bodies, status codes and error shapes of Polar's OpenAPI document
 * for what `@polar-sh/sdk` calls here (checkouts, customer sessions, meter events, subscription revoke).
 */

export interface IngestedEvent {
  name: string;
  externalCustomerId: string;
  externalId: string | null;
  metadata: Record<string, unknown>;
  timestamp: string | null;
}

/** What the fake Polar holds, shared by its API and its hosted pages. */
export interface FakePolarStore {
  accessToken: string;
  baseUrl: () => string;
  now: () => number;
  products: Map<string, FakeProduct>;
  /** By external id. */
  customers: Map<string, FakeCustomer>;
  checkouts: Map<string, FakeCheckout>;
  subscriptions: Map<string, FakeSubscription>;
  /** Portal token → external customer id. */
  portalTokens: Map<string, string>;
  events: IngestedEvent[];
  eventIds: Set<string>;
}

const MAX_BODY_BYTES = 1_000_000;

export function send(
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

export async function handlePolarApi(
  store: FakePolarStore,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const { products, customers, checkouts, subscriptions, portalTokens, events, eventIds, now } = store;
  const baseUrl = store.baseUrl();
  if (request.headers.authorization !== `Bearer ${store.accessToken}`) {
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
      if (!isRecord(item) || typeof item.name !== 'string' || typeof item.external_customer_id !== 'string') {
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
