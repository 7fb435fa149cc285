import { z } from 'zod';
import type { AnyEngineTool } from '../tool.ts';

export type JsonSchemaObject = Record<string, unknown>;

/** Converted schemas by zod schema: tools are built per call, but their parameter schemas are shared. */
const converted = new WeakMap<object, JsonSchemaObject>();

/**
 * A tool's zod parameters as the JSON schema the OpenAI APIs take. `io: 'input'` describes what the
 * model must send (defaults optional); the `$schema` key is dropped because the APIs reject unknown
 * top-level keywords in strict validators. Each caller gets its own copy of the cached conversion.
 */
export function toolParametersJsonSchema(tool: AnyEngineTool): JsonSchemaObject {
  return parametersJsonSchema(tool.parameters);
}

/** The same for any zod object schema (the supervisor tool's parameters). */
export function parametersJsonSchema(parameters: z.ZodType): JsonSchemaObject {
  let schema = converted.get(parameters);
  if (schema === undefined) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(parameters, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchemaObject;
    schema = { type: 'object', properties: {}, ...rest };
    converted.set(parameters, schema);
  }
  return structuredClone(schema);
}
