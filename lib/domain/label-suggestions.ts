// Which labels the chip input suggests, in which order.

export type LabelSuggestion = { label: string; workers: number };

/** Labels workers have first (prefix matches before the rest, then the most workers), then labels no worker has. */
export function rankSuggestions(suggestions: readonly LabelSuggestion[], typed: string, exclude: readonly string[]): LabelSuggestion[] {
  const q = typed.trim().toLowerCase();
  const rank = (s: LabelSuggestion) => [s.workers > 0 ? 0 : 1, q && !s.label.toLowerCase().startsWith(q) ? 1 : 0, s.label === typed.trim() ? -1 : 0];
  return suggestions
    .filter((s) => !exclude.includes(s.label) && (q === "" || s.label.toLowerCase().includes(q)))
    .sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      return b.workers - a.workers || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    })
    .slice(0, 8);
}
