"use client";
// Light / dark / system, kept per browser. In "system" the page follows the OS as it changes.
import { useEffect, useSyncExternalStore } from "react";
import { applyTheme, readTheme, saveTheme, type Theme } from "@/lib/client/theme";

function subscribe(onChange: () => void) {
  window.addEventListener("runyard-theme", onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener("runyard-theme", onChange);
    window.removeEventListener("storage", onChange);
  };
}

const ICONS: Record<Theme, string> = {
  light: "M10 2a.75.75 0 0 1 .75.75v1.5a.75.75 0 0 1-1.5 0v-1.5A.75.75 0 0 1 10 2Zm0 13a.75.75 0 0 1 .75.75v1.5a.75.75 0 0 1-1.5 0v-1.5A.75.75 0 0 1 10 15Zm0-8a3 3 0 1 0 0 6 3 3 0 0 0 0-6ZM2 10a.75.75 0 0 1 .75-.75h1.5a.75.75 0 0 1 0 1.5h-1.5A.75.75 0 0 1 2 10Zm13 0a.75.75 0 0 1 .75-.75h1.5a.75.75 0 0 1 0 1.5h-1.5A.75.75 0 0 1 15 10ZM4.343 4.343a.75.75 0 0 1 1.06 0l1.061 1.06a.75.75 0 0 1-1.06 1.061l-1.06-1.06a.75.75 0 0 1 0-1.061Zm9.193 9.193a.75.75 0 0 1 1.06 0l1.061 1.06a.75.75 0 0 1-1.06 1.061l-1.061-1.06a.75.75 0 0 1 0-1.061Zm2.121-9.193a.75.75 0 0 1 0 1.06l-1.06 1.061a.75.75 0 0 1-1.061-1.06l1.06-1.061a.75.75 0 0 1 1.061 0Zm-9.193 9.193a.75.75 0 0 1 0 1.06l-1.06 1.061a.75.75 0 1 1-1.061-1.06l1.06-1.061a.75.75 0 0 1 1.061 0Z",
  dark: "M7.455 2.004a.75.75 0 0 1 .26.77 7 7 0 0 0 9.958 7.967.75.75 0 0 1 1.067.853A8.5 8.5 0 1 1 6.647 1.921a.75.75 0 0 1 .808.083Z",
  system: "M2 4.25A2.25 2.25 0 0 1 4.25 2h11.5A2.25 2.25 0 0 1 18 4.25v8.5A2.25 2.25 0 0 1 15.75 15h-3.105a3.501 3.501 0 0 0 1.1 1.677A.75.75 0 0 1 13.26 18H6.74a.75.75 0 0 1-.484-1.323A3.501 3.501 0 0 0 7.355 15H4.25A2.25 2.25 0 0 1 2 12.75v-8.5Zm1.5 0a.75.75 0 0 1 .75-.75h11.5a.75.75 0 0 1 .75.75v7.5a.75.75 0 0 1-.75.75H4.25a.75.75 0 0 1-.75-.75v-7.5Z",
};

export function ThemeToggle() {
  const theme = useSyncExternalStore(subscribe, readTheme, () => "system" as Theme);
  useEffect(() => {
    if (theme !== "system") return;
    const query = window.matchMedia("(prefers-color-scheme: dark)");
    const follow = () => applyTheme("system");
    query.addEventListener("change", follow);
    return () => query.removeEventListener("change", follow);
  }, [theme]);
  return (
    <div role="group" aria-label="Theme" className="inline-flex rounded-md p-0.5 ring-1 ring-inset ring-slate-300">
      {(["light", "dark", "system"] as const).map((t) => (
        <button
          key={t}
          type="button"
          aria-pressed={theme === t}
          aria-label={t === "system" ? "System theme" : `${t === "light" ? "Light" : "Dark"} theme`}
          title={t === "system" ? "Follow the system" : t === "light" ? "Light" : "Dark"}
          onClick={() => saveTheme(t)}
          className={`rounded p-1 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${theme === t ? "bg-slate-200 text-slate-900" : "text-slate-600 hover:text-slate-900"}`}
        >
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
            <path fillRule="evenodd" clipRule="evenodd" d={ICONS[t]} />
          </svg>
        </button>
      ))}
    </div>
  );
}
