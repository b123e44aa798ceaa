// Label and worker-name rules (SPEC §1–2). Pure and dependency-free: the API schemas, the
// dashboard's chip input and the CLI all validate with these same functions.

export const LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
export const MAX_LABEL_LENGTH = 64;
export const MAX_LABELS = 32;
export const WORKER_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _-]{2,63}$/;

/** Why `label` is not a valid label, or null when it is. */
export function labelProblem(label: string): string | null {
  if (label.length === 0) return "label must not be empty";
  if (label.length > MAX_LABEL_LENGTH) return `label "${label.slice(0, 20)}…" is longer than ${MAX_LABEL_LENGTH} characters`;
  if (!LABEL_PATTERN.test(label)) {
    return `label "${label}" may contain only letters, digits and _ . : - and must start with a letter or digit`;
  }
  return null;
}

/** Folds duplicates and sorts (by code point, as PostgreSQL's "C" collation would). */
export function normalizeLabels(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Parses "gpu, gpu-A100,,cpu" as typed on a command line or in a form. */
export function parseLabelList(text: string): string[] {
  return text.split(",").map((part) => part.trim()).filter((part) => part.length > 0);
}

export function workerNameProblem(name: string): string | null {
  if (WORKER_NAME_PATTERN.test(name)) return null;
  return `name "${name}" must be 3–64 characters: letters, digits, spaces, _ and -, starting with a letter or digit`;
}
