// Test fixture: opens the PGlite folder given as argument and holds it until killed.
import { openDatabase } from "./database";

const handle = await openDatabase({ url: "", dataDir: process.argv[2] });
await handle.migrate();
process.send?.("open");
setInterval(() => {}, 1000);
