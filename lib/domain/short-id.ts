// Short ids: people see the first 8 characters of a UUID and may type any unique prefix of it.
// A prefix is looked up as a range of the primary key (lo ≤ id ≤ hi), so it uses the index.

export const SHORT_ID_LENGTH = 8;
/** Shorter prefixes match too much to be worth a lookup. */
export const MIN_ID_PREFIX = 4;

export const shortId = (id: string) => id.slice(0, SHORT_ID_LENGTH);

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ID_PREFIX_PATTERN = /^[0-9a-f-]{1,36}$/i;

const asUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/** The smallest and largest UUIDs that start with `prefix` (dashes optional), or undefined. */
export function uuidPrefixRange(prefix: string): [string, string] | undefined {
  if (!ID_PREFIX_PATTERN.test(prefix)) return undefined;
  const hex = prefix.replaceAll("-", "").toLowerCase();
  if (hex.length === 0 || hex.length > 32) return undefined;
  return [asUuid(hex.padEnd(32, "0")), asUuid(hex.padEnd(32, "f"))];
}
