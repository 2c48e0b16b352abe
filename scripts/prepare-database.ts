import { openDatabase } from "../db/database";
import { describeDemoSignIn, hasAnyAccount, seedDemo } from "./seed/demo-account";

/** Migrates, and seeds the demo account when the database has no account yet. */
export async function prepareDatabase({ appUrl, forceSeed = false }: { appUrl: string; forceSeed?: boolean }) {
  const handle = await openDatabase();
  try {
    await handle.migrate();
    const seeded = forceSeed || !(await hasAnyAccount(handle.db));
    if (seeded) await seedDemo(handle.db);
    return { kind: handle.kind, seeded, signIn: describeDemoSignIn(appUrl) };
  } finally {
    await handle.close();
  }
}
