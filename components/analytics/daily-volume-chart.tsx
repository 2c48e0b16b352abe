"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Conversations received and completed on each day of the period. */
export function DailyVolumeChart({ data }: { data: { day: string; received: number; completed: number }[] }) {
  const rows = data.map((d) => ({ ...d, label: shortDay(d.day) }));
  return (
    <div className="h-64 w-full" data-testid="chart-daily-volume">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-slate-600">{value}</span>} />
          <Line type="monotone" dataKey="received" name="Received" stroke="#3b6cf6" strokeWidth={2} dot={rows.length <= 14} isAnimationActive={false} />
          <Line type="monotone" dataKey="completed" name="Completed" stroke="#16a34a" strokeWidth={2} dot={rows.length <= 14} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function shortDay(day: string) {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}
