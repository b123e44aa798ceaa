// Workflow-command lines in a job's output (`::progress 42`): they update the run's progress
// and are not part of its log, its failure summary or its timeline.

/** The `::progress` command: a number 0–100, optionally with a `%`. */
export const PROGRESS_LINE = /^::progress\s+(\d{1,3}(?:\.\d+)?)\s*%?\s*$/;

/** The same pattern for PostgreSQL's `~` operator (POSIX: no `\d`/`\s` shorthands there). */
export const PROGRESS_LINE_SQL = "^::progress[[:space:]]+[0-9]{1,3}([.][0-9]+)?[[:space:]]*%?[[:space:]]*$";

export function isProgressLine(line: string): boolean {
  return PROGRESS_LINE.test(line);
}

/** A multi-line text (a failure summary) without its `::progress` lines. */
export function withoutProgressLines(text: string): string {
  return text
    .split("\n")
    .filter((line) => !isProgressLine(line))
    .join("\n");
}
