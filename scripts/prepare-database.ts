import { openDatabase } from "../db/database";
import { describeDemoSignIn, hasAnyAccount, seedDemo } from "./seed/demo-account";

/**
 * Whether a start seeds the demo account: only the embedded PGlite database on its first start
 * (no account yet). A PostgreSQL database (DATABASE_URL) is a real deployment: the demo account
 * and its known password go there only by an explicit `npm run db:seed`.
 */
export function seedsOnStart({ kind, empty }: { kind: "pglite" | "postgres"; empty: boolean }) {
  return kind === "pglite" && empty;
}

/** Migrates, and seeds the demo account on the embedded database's first start (or when forced by `npm run db:seed`). */
export async function prepareDatabase({ appUrl, forceSeed = false }: { appUrl: string; forceSeed?: boolean }) {
  const handle = await openDatabase();
  try {
    await handle.migrate();
    const seeded = forceSeed || seedsOnStart({ kind: handle.kind, empty: !(await hasAnyAccount(handle.db)) });
    if (seeded) await seedDemo(handle.db);
    return { kind: handle.kind, seeded, signIn: seeded || handle.kind === "pglite" ? describeDemoSignIn(appUrl) : "" };
  } finally {
    await handle.close();
  }
}
