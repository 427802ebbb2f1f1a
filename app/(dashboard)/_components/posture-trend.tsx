'use client';
// A trend over the posture snapshots, one point per day (the day's last snapshot): scores or counts.
import { useEffect, useState } from 'react';
import { useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendLine } from './trend-palette.ts';

export type { TrendLine };

/** `label` is the chart's visible title (and the start of its text alternative). */
export function TrendChart({
  label,
  points,
  lines,
  percent = false,
}: {
  label: string;
  points: Record<string, number | string | null>[];
  lines: TrendLine[];
  percent?: boolean;
}) {
  const titleId = useId();
  // Drawn in the browser only: the server cannot measure the container, and laying out SVG paths for every
  // request would cost the server more than the rest of the Overview.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const last = points.at(-1);
  const latest = last ? `; latest ${lines.map((l) => `${l.title} ${last[l.key] ?? '—'}`).join(', ')}` : '';
  return (
    <figure className="trend-figure" aria-labelledby={titleId}>
      <figcaption id={titleId} className="trend-title">
        {label}
      </figcaption>
      <div className="posture-trend" role="img" aria-label={`${label} over ${points.length} day(s)${latest}`}>
        {mounted && (
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: -12 }}>
              <CartesianGrid stroke="#eef0f3" />
              <XAxis dataKey="day" fontSize={11} tickLine={false} />
              <YAxis domain={percent ? [0, 100] : [0, 'auto']} allowDecimals={false} fontSize={11} tickLine={false} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {lines.map((l) => (
                <Line
                  key={l.key}
                  dataKey={l.key}
                  name={l.title}
                  stroke={l.color}
                  strokeWidth={l.width ?? 1.5}
                  strokeDasharray={l.dash}
                  dot={points.length < 3}
                  isAnimationActive={false}
                  type="stepAfter"
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
