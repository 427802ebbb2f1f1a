'use client';
// Agents by number of legs lit (0–3), as a bar chart; the 3-leg bar is the trifecta.
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';

const COLORS = ['#b8c2cf', '#8fa3bf', '#e0a43a', '#c0392b'];

export function LegsChart({ counts }: { counts: number[] }) {
  const data = counts.map((agents, legs) => ({ label: legs === 3 ? '3 (trifecta)' : String(legs), agents }));
  return (
    <div
      className="legs-chart"
      role="img"
      aria-label={`Agents by legs: ${data.map((d) => `${d.label}: ${d.agents}`).join(', ')}`}
    >
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={data} margin={{ top: 18, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} />
          <YAxis hide allowDecimals={false} />
          <Bar dataKey="agents" radius={[4, 4, 0, 0]} isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.label} fill={COLORS[i]} />
            ))}
            <LabelList dataKey="agents" position="top" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
