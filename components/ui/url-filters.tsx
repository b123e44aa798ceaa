"use client";
// Filter controls that keep their value in the URL (see use-url-filters): a debounced search
// box and a group of on/off toggles.
import { useEffect, useState } from "react";
import { TextInput } from "@/components/ui/field";
import { useUrlFilters } from "@/lib/client/hooks/use-url-filters";

export function UrlSearchInput({ param = "q", label, placeholder }: { param?: string; label: string; placeholder: string }) {
  const filters = useUrlFilters();
  const current = filters.get(param) ?? "";
  const [text, setText] = useState(current);
  useEffect(() => {
    if (text === current) return;
    const timer = setTimeout(() => filters.set({ [param]: text || undefined }), 250);
    return () => clearTimeout(timer);
  }, [text, current, filters, param]);
  return <TextInput aria-label={label} type="search" placeholder={placeholder} value={text} onChange={(e) => setText(e.target.value)} />;
}

export function UrlToggles({ param, label, options, word = (v) => v, mono }: { param: string; label: string; options: readonly string[]; word?: (value: string) => string; mono?: boolean }) {
  const filters = useUrlFilters();
  const selected = filters.getAll(param);
  return (
    <div role="group" aria-label={label} className="flex flex-wrap gap-1">
      {options.map((value) => {
        const on = selected.includes(value);
        return (
          <button
            key={value}
            type="button"
            aria-pressed={on}
            onClick={() => filters.set({ [param]: on ? selected.filter((s) => s !== value) : [...selected, value] })}
            className={`rounded-full px-2.5 py-1 ring-1 ring-inset ${mono ? "font-mono text-[11px]" : "text-xs font-medium"} ${on ? "bg-slate-900 text-white ring-slate-900" : "bg-white text-slate-600 ring-slate-300 hover:bg-slate-50"}`}
          >
            {word(value)}
          </button>
        );
      })}
    </div>
  );
}
