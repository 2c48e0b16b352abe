"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** Conversations received and messages sent in each hour of the day (in the report's zone). */
export function VolumeByHourChart({ data }: { data: { hour: number; received: number; sent: number }[] }) {
  const rows = data.map((d) => ({ ...d, label: `${String(d.hour).padStart(2, "0")}:00` }));
  return (
    <div className="h-64 w-full" data-testid="chart-volume-by-hour">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} interval={2} tickLine={false} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-slate-600">{value}</span>} />
          <Bar dataKey="received" name="Conversations received" fill="#3b6cf6" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="sent" name="Messages sent" fill="#94a3b8" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
