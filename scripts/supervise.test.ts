import { spawn } from "node:child_process";
import { connect } from "node:net";
import { afterEach, describe, expect, test } from "vitest";

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const started: ReturnType<typeof spawn>[] = [];
afterEach(() => {
  // A failed test must not leave its supervisor (and children) holding the ports.
  for (const p of started.splice(0)) if (p.exitCode === null && p.signalCode === null) p.kill("SIGTERM");
});

/** Starts the fixture supervisor; `pids` resolves once both children listen. */
function startSupervisor(ports: [number, number], behaviour = "") {
  const parent = spawn(process.execPath, ["--import", "tsx", "scripts/supervise.fixtures.ts", String(ports[0]), String(ports[1]), behaviour], { stdio: ["ignore", "pipe", "inherit"] });
  started.push(parent);
  let output = "";
  const exited = new Promise<number | null>((resolve) => parent.on("exit", (code) => resolve(code)));
  const byPort = new Map<number, number>();
  const pids = new Promise<number[]>((resolve, reject) => {
    parent.stdout.on("data", (chunk) => {
      output += chunk;
      for (const l of output.split("\n").filter((l) => l.startsWith("{"))) byPort.set(JSON.parse(l).port, JSON.parse(l).pid);
      if (byPort.size === 2) resolve([...byPort.values()]);
    });
    void exited.then(() => reject(new Error(`supervisor exited early:\n${output}`)));
  });
  return { parent, pids, exited, pidOn: (port: number) => byPort.get(port)!, output: () => output };
}

describe("serve's supervisor (issue 12, item 4)", () => {
  test("a child killed by PID: the other is stopped, the parent exits non-zero, no listener is left", async () => {
    const ports: [number, number] = [4112, 4212];
    const s = startSupervisor(ports);
    const pids = await s.pids;
    expect(await listening(ports[0])).toBe(true);
    expect(await listening(ports[1])).toBe(true);
    // The realtime stand-in (port B) dies.
    process.kill(s.pidOn(ports[1]), "SIGKILL");
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/realtime \(pid \d+\) was killed by SIGKILL/);
    expect(pids.some(alive)).toBe(false);
    expect(await listening(ports[0])).toBe(false);
    expect(await listening(ports[1])).toBe(false);
  }, 30_000);

  test("a child that exits on its own, even with code 0, is an error too", async () => {
    const s = startSupervisor([4312, 4412], "realtime-exits-0");
    const pids = await s.pids;
    expect(await s.exited).toBe(1);
    expect(pids.some(alive)).toBe(false);
    expect(await listening(4312)).toBe(false);
  }, 30_000);

  test("SIGTERM to the parent is forwarded; it waits for every child and exits 0", async () => {
    const s = startSupervisor([4512, 4612]);
    const pids = await s.pids;
    s.parent.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    expect(pids.some(alive)).toBe(false);
    expect(await listening(4512)).toBe(false);
    expect(await listening(4612)).toBe(false);
  }, 30_000);
});
