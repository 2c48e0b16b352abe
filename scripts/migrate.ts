import { openDatabase } from "../db/database";

const handle = await openDatabase();
await handle.migrate();
await handle.close();
console.log(`Migrated the ${handle.kind} database.`);
