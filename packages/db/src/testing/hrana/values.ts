import type { HranaValue } from './protocol.ts';

/** What the SQLite engine binds and returns (with safe integers on: every INTEGER is a bigint). */
export type SqlValue = null | bigint | number | string | Buffer;

export function valueToSql(value: HranaValue): SqlValue {
  switch (value.type) {
    case 'null':
      return null;
    case 'integer':
      return BigInt(value.value);
    case 'float':
      return value.value;
    case 'text':
      return value.value;
    case 'blob':
      return Buffer.from(value.base64, 'base64');
  }
}

/** JSON carries 64-bit integers as strings (JSON numbers are doubles) and blobs as base64. */
export function valueFromSql(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: 'null' };
  if (typeof value === 'bigint') return { type: 'integer', value: value.toString() };
  // Statements run with safe integers on, so a JavaScript number is always a REAL (2.0 stays a float).
  if (typeof value === 'number') return { type: 'float', value };
  if (typeof value === 'string') return { type: 'text', value };
  if (value instanceof Uint8Array) {
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  }
  if (value instanceof ArrayBuffer) {
    return { type: 'blob', base64: Buffer.from(value).toString('base64') };
  }
  return { type: 'text', value: String(value) };
}
