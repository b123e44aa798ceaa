"use client";
// A small SVG time-series chart (no chart library): one area or several lines over the last hour.
// Drawn at the width it is shown at, so its axis text stays readable on a phone.
import { useEffect, useRef, useState } from "react";
type Series = { name: string; color: string; values: (number | null)[]; area?: boolean };

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value) ?? value;
}

export function SeriesChart({ title, times, series, unit, format = (v) => String(Math.round(v)), axisFormat = format }: {
  title: string;
  times: string[];
  series: Series[];
  unit?: string;
  format?: (value: number) => string;
  /** Short labels for the y axis. */
  axisFormat?: (value: number) => string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(560);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(200, Math.round(el.clientWidth))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const height = 160;
  const pad = { left: 40, right: 8, top: 10, bottom: 22 };
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const x = (i: number) => pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, times.length - 1);
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const path = (values: (number | null)[]) =>
    values.map((v, i) => (v === null ? null : `${x(i)},${y(v)}`)).reduce<string[]>((parts, point, i) => {
      if (point === null) return parts;
      parts.push(`${i === 0 || values[i - 1] === null ? "M" : "L"}${point}`);
      return parts;
    }, []).join(" ");
  const ticks = times.map((t, i) => ({ t, i })).filter(({ i }) => i % 15 === 0 || i === times.length - 1);
  const latest = series.map((s) => ({ ...s, last: [...s.values].reverse().find((v) => v !== null) ?? null }));
  return (
    <figure className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-semibold text-slate-700">{title}</span>
        <span className="flex gap-3 text-xs text-slate-500">
          {latest.map((s) => (
            <span key={s.name} className="flex items-center gap-1">
              <span aria-hidden className="h-2 w-2 rounded-full" style={{ background: s.color }} />
              {s.name}: <strong className="tabular-nums text-slate-800">{s.last === null ? "—" : `${format(s.last)}${unit ?? ""}`}</strong>
            </span>
          ))}
        </span>
      </figcaption>
      <div ref={box}>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-40 w-full" role="img" aria-label={`${title} over the last hour`}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={pad.left} x2={width - pad.right} y1={y(max * f)} y2={y(max * f)} className="stroke-slate-200" strokeDasharray={f === 0 ? undefined : "3 3"} />
            <text x={pad.left - 6} y={y(max * f) + 3} textAnchor="end" className="fill-slate-500 text-[10px]">{axisFormat(max * f)}</text>
          </g>
        ))}
        {ticks.map(({ t, i }) => (
          <text key={t} x={x(i)} y={height - 6} textAnchor={i === 0 ? "start" : i === times.length - 1 ? "end" : "middle"} className="fill-slate-500 text-[10px]">
            {i === times.length - 1 ? "now" : `−${times.length - 1 - i} min`}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.name}>
            {s.area && <path d={`${path(s.values)} L${x(s.values.length - 1)},${y(0)} L${x(0)},${y(0)} Z`} fill={s.color} opacity={0.12} />}
            <path d={path(s.values)} fill="none" stroke={s.color} strokeWidth={2} strokeLinejoin="round" />
            {/* Sparse series (a minute with pickups between quiet ones) still show as points. */}
            {!s.area && s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={2.5} fill={s.color} />))}
          </g>
        ))}
      </svg>
      </div>
    </figure>
  );
}
