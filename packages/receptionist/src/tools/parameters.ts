import { z } from 'zod';

/** A verb's field as the model sees it: optional (or defaulted) fields also accept null. */
type ModelField<Field> =
  Field extends z.ZodOptional<infer Inner extends z.ZodType>
    ? z.ZodOptional<z.ZodNullable<Inner>>
    : Field extends z.ZodDefault<infer Inner extends z.ZodType>
      ? z.ZodOptional<z.ZodNullable<Inner>>
      : Field;

export type ModelParameters<Shape extends z.ZodRawShape> = z.ZodObject<{
  [Key in keyof Shape]: ModelField<Shape[Key]>;
}>;

/**
 * A tool's parameters derived from its verb's input schema, so each tool has one schema: the same fields
 * and rules, a description on every field (what the model reads), and optional or defaulted fields made
 * `.nullish()` because OpenAI's strict mode sends null for "not given" (`withoutNulls` turns it back
 * into undefined, and the verb applies its own default). Call once at module level: the OpenAI engine
 * converts each schema to JSON schema once, by identity.
 */
export function toolParameters<Shape extends z.ZodRawShape>(
  verbInput: z.ZodObject<Shape>,
  descriptions: { [Key in keyof Shape]: string },
): ModelParameters<Shape> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(verbInput.shape) as Array<[keyof Shape & string, z.ZodType]>) {
    const description = descriptions[key];
    if (field instanceof z.ZodOptional || field instanceof z.ZodDefault) {
      shape[key] = (field.unwrap() as z.ZodType).nullish().describe(description);
    } else {
      shape[key] = field.describe(description);
    }
  }
  return z.object(shape) as unknown as ModelParameters<Shape>;
}
