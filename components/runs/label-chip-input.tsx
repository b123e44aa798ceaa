"use client";
// Labels as chips: Enter or comma adds, Backspace removes the last, arrows pick a suggestion.
// Invalid labels are refused on the spot with the reason beside the field.
import { useId, useMemo, useState } from "react";
import { labelProblem, normalizeLabels } from "@/lib/domain/labels";

export function LabelChipInput({ id, value, onChange, suggestions = [], placeholder, invalid, describedBy, ariaLabel }: {
  id: string;
  /** When no <label> names the field (filters). */
  ariaLabel?: string;
  value: string[];
  onChange: (labels: string[]) => void;
  suggestions?: { label: string; workers: number }[];
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // Enter takes a suggestion only once the user has picked one with the arrow keys: labels are
  // case-sensitive, so what was typed ("GPU") must never be swapped for a look-alike ("gpu").
  const [highlight, setHighlight] = useState(-1);
  const listId = useId();
  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    return suggestions.filter((s) => !value.includes(s.label) && (q === "" || s.label.toLowerCase().includes(q))).slice(0, 8);
  }, [suggestions, text, value]);
  const showList = text.trim() !== "" && matches.length > 0;

  const add = (raw: string) => {
    const label = raw.trim();
    if (!label) return;
    const reason = labelProblem(label);
    if (reason) {
      setProblem(reason);
      return;
    }
    onChange(normalizeLabels([...value, label]));
    setText("");
    setProblem(null);
    setHighlight(-1);
  };

  return (
    <div>
      <div
        className={`flex min-h-10 flex-wrap items-center gap-1.5 rounded-md bg-white px-2 py-1.5 shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-indigo-600 ${invalid || problem ? "ring-rose-400" : "ring-slate-300"}`}
      >
        {value.map((label) => (
          <span key={label} data-testid="chip" className="inline-flex items-center gap-1 whitespace-nowrap rounded-md bg-indigo-50 py-0.5 pl-2 pr-1 font-mono text-xs text-indigo-700 ring-1 ring-inset ring-indigo-200">
            {label}
            <button type="button" aria-label={`Remove ${label}`} onClick={() => onChange(value.filter((l) => l !== label))} className="rounded px-1 text-indigo-400 hover:bg-indigo-100 hover:text-indigo-700">
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          role="combobox"
          aria-label={ariaLabel}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={invalid || Boolean(problem) || undefined}
          aria-describedby={problem ? `${id}-problem` : describedBy}
          value={text}
          placeholder={value.length === 0 ? placeholder : ""}
          onChange={(e) => {
            const next = e.target.value;
            if (next.includes(",")) {
              next.split(",").slice(0, -1).forEach(add);
              setText(next.split(",").at(-1) ?? "");
            } else {
              setText(next);
              setProblem(null);
              setHighlight(-1);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(showList && highlight >= 0 && matches[highlight] ? matches[highlight].label : text);
            } else if (e.key === "Backspace" && text === "" && value.length > 0) {
              onChange(value.slice(0, -1));
            } else if (e.key === "ArrowDown" && showList) {
              e.preventDefault();
              setHighlight((h) => (h + 1) % matches.length);
            } else if (e.key === "ArrowUp" && showList) {
              e.preventDefault();
              setHighlight((h) => (h <= 0 ? matches.length - 1 : h - 1));
            } else if (e.key === "Escape") {
              setText("");
            }
          }}
          onBlur={() => text.trim() && add(text)}
          className="min-w-32 flex-1 border-0 bg-transparent p-1 font-mono text-sm text-slate-900 placeholder:font-sans placeholder:text-slate-400 focus:outline-none focus:ring-0"
        />
      </div>
      {showList && (
        <ul id={listId} role="listbox" className="relative z-10 mt-1 max-h-56 overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200">
          {matches.map((m, i) => (
            <li
              key={m.label}
              role="option"
              aria-selected={i === highlight}
              onMouseDown={(e) => {
                e.preventDefault();
                add(m.label);
              }}
              className={`flex cursor-pointer justify-between px-3 py-1.5 ${i === highlight ? "bg-indigo-50 text-indigo-900" : "text-slate-700"}`}
            >
              <span className="font-mono">{m.label}</span>
              <span className="text-xs text-slate-400">{m.workers} worker{m.workers === 1 ? "" : "s"}</span>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p id={`${id}-problem`} role="alert" className="mt-1 text-xs font-medium text-rose-600">
          {problem}
        </p>
      )}
    </div>
  );
}
