// Shared building blocks of the HTTP contract (SPEC §5). These zod schemas validate requests
// on the server, type the client, and generate /api/v1/openapi.json.
import { z } from "zod";
import { LABEL_PATTERN, MAX_LABEL_LENGTH, MAX_LABELS, WORKER_NAME_PATTERN, normalizeLabels } from "@/lib/domain/labels";

export const Id = z.uuid({ error: "must be a UUID" });

export const Label = z
  .string({ error: "each label must be a string" })
  .min(1, { error: "label must not be empty" })
  .max(MAX_LABEL_LENGTH, { error: (issue) => `label "${String(issue.input).slice(0, 20)}…" is longer than ${MAX_LABEL_LENGTH} characters` })
  .regex(LABEL_PATTERN, {
    error: (issue) => `label "${String(issue.input)}" may contain only letters, digits and _ . : - and must start with a letter or digit`,
  });

/** Labels as sent: validated one by one, duplicates folded, sorted; at most 32 distinct. */
export const LabelList = z
  .array(Label, { error: "must be an array of labels" })
  .transform(normalizeLabels)
  .refine((labels) => labels.length <= MAX_LABELS, { error: `at most ${MAX_LABELS} distinct labels are allowed` })
  .meta({ description: `Case-sensitive labels; duplicates are folded and the list is stored sorted; at most ${MAX_LABELS} distinct labels.` });

export const WorkerName = z
  .string({ error: "name must be a string" })
  .regex(WORKER_NAME_PATTERN, {
    error: (issue) =>
      `name "${String(issue.input)}" must be 3–64 characters: letters, digits, spaces, _ and -, starting with a letter or digit`,
  });

export const Timestamp = z.iso.datetime({ offset: true });

export const Cursor = z.string().max(512);

/** The start of an id (what people type after seeing a short id): hex digits and dashes. */
export const IdPrefix = z
  .string()
  .regex(/^(?=.*[0-9a-fA-F])[0-9a-fA-F-]{1,36}$/, { error: "idPrefix must be the start of an id: hex digits and dashes" })
  .refine((value) => value.replaceAll("-", "").length <= 32, { error: "idPrefix is longer than an id" });

/** A bigint row id as a cursor (logs, audit): digits within PostgreSQL's bigint range. */
export const BigintCursor = (what: string) =>
  z
    .string()
    .regex(/^\d{1,19}$/, { error: `cursor must be ${what}` })
    .refine((value) => !/^\d{1,19}$/.test(value) || BigInt(value) <= 9223372036854775807n, { error: `cursor must be ${what}` });

/** A lease token (the attempt number, a PostgreSQL integer): out-of-range values are a 400. */
export const LeaseToken = z.number().int().min(1).max(2_147_483_647);
export const PageLimit = z.coerce.number().int().min(1).max(500).default(50);

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A query parameter that may be given once or repeated (`?label=a&label=b`). */
export function repeated<T extends z.ZodType>(item: T) {
  return z
    .union([item, z.array(item)])
    .optional()
    .transform((value): z.output<T>[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
}

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
  instance: z.string().optional(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Health = z.object({ status: z.literal("ok"), database: z.literal("ok"), version: z.string() });
