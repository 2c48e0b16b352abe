// Migrates (and seeds on the embedded database's first start) in its own process, so the serve
// parent never holds PGlite's memory (hundreds of MB) or its folder lock while the app runs.
import { prepareDatabase } from "./prepare-database";

const result = await prepareDatabase({ appUrl: process.env.APP_URL ?? "http://localhost:3000" });
process.send?.(result);
process.exit(0);
