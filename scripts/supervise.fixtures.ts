// Test fixture: supervises two small HTTP servers (stand-ins for next-server and the realtime
// server) on the ports given as arguments; each child prints its pid as a JSON line once it listens.
import { supervise } from "./supervise";

const [portA, portB, behaviour] = process.argv.slice(2);
const server = (port: string, exitAfterMs?: number) =>
  `const s=require("node:http").createServer((q,r)=>r.end("ok")).listen(${port},"127.0.0.1",()=>console.log(JSON.stringify({pid:process.pid,port:${port}})));` +
  `process.on("SIGTERM",()=>s.close(()=>process.exit(0)));` +
  (exitAfterMs ? `setTimeout(()=>process.exit(0),${exitAfterMs});` : "");
const stopped = supervise(
  [
    { name: "app", command: process.execPath, args: ["-e", server(portA)] },
    { name: "realtime", command: process.execPath, args: ["-e", server(portB, behaviour === "realtime-exits-0" ? 1500 : undefined)] },
  ],
  (line) => console.log(`supervisor: ${line}`),
);
process.exit(await stopped);
