import { z } from 'zod';
import type { AnyEngineTool } from '../tool.ts';

export type JsonSchemaObject = Record<string, unknown>;

/**
 * A tool's zod parameters as the JSON schema the OpenAI APIs take. `io: 'input'` describes what the
 * model must send (defaults optional); the `$schema` key is dropped because the APIs reject unknown
 * top-level keywords in strict validators.
 */
export function toolParametersJsonSchema(tool: AnyEngineTool): JsonSchemaObject {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.parameters, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaObject;
  return { type: 'object', properties: {}, ...schema };
}
