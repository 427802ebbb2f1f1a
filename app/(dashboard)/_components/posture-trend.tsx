'use client';
// Posture over time: the overall score and each section's, one point per day (the day's last snapshot).
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLORS = ['#1f4fb8', '#7a8aa3', '#2e9c6a', '#c77d14', '#8e44ad', '#16a0b5', '#c0392b'];

export function PostureTrend({ points, sections }: { points: Record<string, number | string | null>[]; sections: { key: string; title: string }[] }) {
  const last = points.at(-1);
  return (
    <div className="posture-trend" role="img" aria-label={`Posture trend over ${points.length} day(s)${last ? `; latest overall score ${last.overall}` : ''}`}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#eef0f3" />
          <XAxis dataKey="day" fontSize={11} tickLine={false} />
          <YAxis domain={[0, 100]} fontSize={11} tickLine={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="overall" name="Overall" stroke={COLORS[0]} strokeWidth={3} dot={points.length < 3} isAnimationActive={false} />
          {sections.map((s, i) => <Line key={s.key} dataKey={s.key} name={s.title} stroke={COLORS[(i % (COLORS.length - 1)) + 1]} strokeWidth={1} dot={false} isAnimationActive={false} />)}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
