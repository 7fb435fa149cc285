import { isDomainError } from '@receptionist/domain';
import { ZodError } from 'zod';
import { log } from '../log.ts';
import { DbError } from '../queries/types.ts';
import { apiCodeForStatus, statusForDomainCode } from './domain-status.ts';
import { ApiError } from './errors.ts';

/** JSON responses and the one place where errors of every layer become HTTP statuses. */

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

export function errorResponse(error: ApiError): Response {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (error.status === 401) headers['www-authenticate'] = 'Bearer realm="api"';
  const body = {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
  return Response.json(body, { status: error.status, headers });
}

function domainDetails(error: Error): Record<string, unknown> {
  const details = (error as { details?: unknown }).details;
  return typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : {};
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ZodError) {
    return new ApiError(400, 'invalid_request', 'The request is not valid', {
      cause: error,
      details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  if (error instanceof DbError) {
    if (error.code === 'not_found') return new ApiError(404, 'not_found', 'Not found', { cause: error });
    if (error.code === 'conflict' || error.code === 'appointment_overlap') {
      return new ApiError(409, 'conflict', error.message, { cause: error });
    }
    if (error.code === 'invalid_input')
      return new ApiError(400, 'invalid_request', error.message, { cause: error });
  }
  // Domain refusals are recognised by their brand and mapped by their code: class names do not survive `next build`.
  if (isDomainError(error)) {
    const status = statusForDomainCode(error.code);
    const code = apiCodeForStatus(status);
    // The domain's details (e.g. the free times next to a taken slot) travel with the reason.
    const details = { reason: error.code, ...domainDetails(error) };
    return new ApiError(status, code, error.message, { cause: error, details });
  }
  log.error({ err: error }, 'unexpected API error');
  return new ApiError(500, 'internal', 'Something went wrong', { cause: error });
}

/** The largest JSON body the REST API reads; anything bigger is refused before it is parsed. */
export const MAX_JSON_BODY_BYTES = 100_000;

/** Reads a JSON body; anything that is not JSON is a 400 and an oversize body a 413, never a crash. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().includes('application/json')) {
    throw new ApiError(400, 'invalid_request', 'Send a JSON body with Content-Type: application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BODY_BYTES) throw tooLarge();
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ApiError(400, 'invalid_request', 'The body is not valid JSON', { cause });
  }
}

function tooLarge(): ApiError {
  return new ApiError(413, 'payload_too_large', `The body is larger than ${MAX_JSON_BODY_BYTES} bytes`);
}
