import { z } from 'zod';

/** A file inside the recordings folder: relative, plain segments, no way out of it. */
export const RelativeAudioPath = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/, 'must be a relative path inside the recordings folder')
  .refine((value) => !value.split('/').includes('..'), 'must not leave the recordings folder');
