"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDuration } from "@/lib/analytics/format-duration";

/** First response time (median and 90th percentile) per agent or per channel, in minutes. */
export function ResponseTimeChart({
  data,
  testId,
}: {
  data: { label: string; median: number | null; p90: number | null }[];
  testId: string;
}) {
  const rows = data.map((d) => ({
    label: d.label,
    median: d.median === null ? null : d.median / 60,
    p90: d.p90 === null ? null : d.p90 / 60,
  }));
  return (
    <div className="h-64 w-full" data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} interval={0} />
          <YAxis
            tick={{ fontSize: 11, fill: "#64748b" }}
            tickLine={false}
            axisLine={false}
            width={44}
            tickFormatter={compactMinutes}
          />
          <Tooltip formatter={(value) => formatDuration(typeof value === "number" ? value * 60 : null)} cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-slate-600">{value}</span>} />
          <Bar dataKey="median" name="Median" fill="#3b6cf6" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="p90" name="90th percentile" fill="#a5bdfb" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function compactMinutes(minutes: number) {
  const seconds = minutes * 60;
  if (seconds === 0) return "0";
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (minutes < 60) return `${Math.round(minutes)}m`;
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(1)}h`;
}
