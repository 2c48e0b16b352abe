import { spawn, type ChildProcess } from "node:child_process";

export type ChildSpec = { name: string; command: string; args: string[]; env?: Record<string, string> };

/** How long children get to stop after SIGTERM before they are killed. */
const STOP_GRACE_MS = 10_000;

/**
 * Runs the children until one of them stops or this process is told to stop, then stops every
 * child and waits for all of them. SIGINT / SIGTERM / SIGHUP are forwarded. Resolves with the exit
 * code for this process: 0 after a requested stop, 1 when a child died on its own (whatever its
 * code) — an app left running without its partner (e.g. realtime) must never look healthy.
 */
export function supervise(specs: ChildSpec[], log: (line: string) => void = (l) => console.error(l)): Promise<number> {
  return new Promise((resolve) => {
    const running = new Map<ChildProcess, ChildSpec>();
    let stopping = false;
    let exitCode = 0;
    let killTimer: NodeJS.Timeout | null = null;

    const stopAll = (signal: NodeJS.Signals) => {
      for (const child of running.keys()) child.kill(signal);
      killTimer ??= setTimeout(() => {
        for (const child of running.keys()) child.kill("SIGKILL");
      }, STOP_GRACE_MS);
      killTimer.unref();
    };

    const onSignal = (signal: NodeJS.Signals) => {
      if (!stopping) log(`Received ${signal}: stopping ${[...running.values()].map((s) => s.name).join(", ")}.`);
      stopping = true;
      stopAll(signal);
    };
    const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
    for (const signal of signals) process.on(signal, onSignal);

    for (const spec of specs) {
      const child = spawn(spec.command, spec.args, { stdio: "inherit", env: { ...process.env, ...spec.env } });
      running.set(child, spec);
      const settle = (how: string) => {
        if (!running.delete(child)) return;
        if (!stopping) {
          stopping = true;
          exitCode = 1;
          log(`${spec.name} (pid ${child.pid}) ${how}: stopping the others and exiting with an error.`);
          stopAll("SIGTERM");
        }
        if (running.size === 0) {
          if (killTimer) clearTimeout(killTimer);
          for (const signal of signals) process.off(signal, onSignal);
          resolve(exitCode);
        }
      };
      child.on("exit", (code, signal) => settle(signal ? `was killed by ${signal}` : `exited with code ${code}`));
      child.on("error", (error) => settle(`could not run (${error.message})`));
    }
  });
}
