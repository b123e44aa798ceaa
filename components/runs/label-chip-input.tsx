"use client";
// Labels as chips, an ARIA combobox: Enter or comma adds, Backspace removes the last one added,
// arrows pick a suggestion (announced through aria-activedescendant). Chips keep the order they
// were added in. Suggestions are the labels workers have; a label only some run asked for (a
// typo like "GPU") comes after them, marked "no worker has it". Invalid labels are refused on
// the spot with the reason beside the field.
import { useId, useMemo, useRef, useState } from "react";
import { rankSuggestions, type LabelSuggestion } from "@/lib/domain/label-suggestions";
import { labelProblem } from "@/lib/domain/labels";

export function LabelChipInput({ id, value, onChange, suggestions = [], placeholder, invalid, describedBy, ariaLabel }: {
  id: string;
  /** When no <label> names the field (filters). */
  ariaLabel?: string;
  value: string[];
  onChange: (labels: string[]) => void;
  suggestions?: LabelSuggestion[];
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // Enter takes a suggestion only once the user has picked one with the arrow keys: labels are
  // case-sensitive, so what was typed ("GPU") must never be swapped for a look-alike ("gpu").
  const [highlight, setHighlight] = useState(-1);
  // The list also opens on ArrowDown with nothing typed, to browse every label.
  const [browsing, setBrowsing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;
  const matches = useMemo(() => rankSuggestions(suggestions, text, value), [suggestions, text, value]);
  const showList = (text.trim() !== "" || browsing) && matches.length > 0;
  const active = showList && highlight >= 0 && highlight < matches.length ? highlight : -1;

  const close = () => {
    setHighlight(-1);
    setBrowsing(false);
  };
  const add = (raw: string) => {
    const label = raw.trim();
    if (!label) return;
    const reason = labelProblem(label);
    if (reason) {
      setProblem(reason);
      return;
    }
    // Insertion order, no re-sort: Backspace then removes what was added last.
    if (!value.includes(label)) onChange([...value, label]);
    setText("");
    setProblem(null);
    close();
  };
  const remove = (label: string) => {
    onChange(value.filter((l) => l !== label));
    input.current?.focus();
  };

  return (
    <div className="relative">
      <div
        className={`flex min-h-10 flex-wrap items-center gap-1.5 rounded-md bg-white px-2 py-1.5 shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-indigo-600 ${invalid || problem ? "ring-rose-400" : "ring-slate-300"}`}
      >
        {value.map((label) => (
          <span key={label} data-testid="chip" className="inline-flex items-center gap-1 whitespace-nowrap rounded-md bg-indigo-50 py-0.5 pl-2 pr-1 font-mono text-xs text-indigo-700 ring-1 ring-inset ring-indigo-200">
            {label}
            <button type="button" aria-label={`Remove ${label}`} onClick={() => remove(label)} className="rounded px-1 text-indigo-700 hover:bg-indigo-100 hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
              ×
            </button>
          </span>
        ))}
        <input
          ref={input}
          id={id}
          role="combobox"
          aria-label={ariaLabel}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? optionId(active) : undefined}
          aria-invalid={invalid || Boolean(problem) || undefined}
          aria-describedby={problem ? `${id}-problem` : describedBy}
          autoComplete="off"
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
              add(active >= 0 ? matches[active]!.label : text);
            } else if (e.key === "Backspace" && text === "" && value.length > 0) {
              onChange(value.slice(0, -1));
            } else if (e.key === "ArrowDown") {
              e.preventDefault();
              if (!showList) setBrowsing(true);
              setHighlight((h) => (h + 1) % Math.max(matches.length, 1));
            } else if (e.key === "ArrowUp" && showList) {
              e.preventDefault();
              setHighlight((h) => (h <= 0 ? matches.length - 1 : h - 1));
            } else if (e.key === "Escape") {
              if (showList) e.stopPropagation();
              setText("");
              close();
            }
          }}
          onBlur={() => {
            if (text.trim()) add(text);
            close();
          }}
          className="min-w-32 flex-1 border-0 bg-transparent p-1 font-mono text-sm text-slate-900 placeholder:font-sans placeholder:text-slate-500 focus:outline-none focus:ring-0"
        />
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label="Label suggestions"
        hidden={!showList}
        className="absolute inset-x-0 top-full z-30 mt-1 max-h-80 overflow-auto rounded-md bg-white py-1 text-sm shadow-lg ring-1 ring-slate-200"
      >
        {showList &&
          matches.map((m, i) => (
            <li
              key={m.label}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                add(m.label);
              }}
              className={`flex cursor-pointer justify-between gap-3 px-3 py-1.5 ${i === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700"}`}
            >
              <span className="font-mono">{m.label}</span>
              <span className={`whitespace-nowrap text-xs ${m.workers === 0 ? "text-amber-800" : "text-slate-600"}`}>
                {m.workers === 0 ? "no worker has it" : `${m.workers} worker${m.workers === 1 ? "" : "s"}`}
              </span>
            </li>
          ))}
      </ul>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="mt-1 text-xs font-medium text-rose-700">
          {problem}
        </p>
      )}
    </div>
  );
}
