import type { Metadata } from "next";
import "./globals.css";

// Every page reads the session or the database: never prerender at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Conversations", template: "%s · Conversations" },
  description: "A realtime unified inbox for web chat, email, Messenger and SMS.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
