import { prepareDatabase } from "./prepare-database";

const appUrl = process.env.APP_URL ?? "http://localhost:3000";
const { signIn } = await prepareDatabase({ appUrl, forceSeed: true });
console.log(`Re-created the demo account.\n${signIn}`);
