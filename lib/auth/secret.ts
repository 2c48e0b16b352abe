import { installSecret } from "@/lib/secrets/install-secret";

/**
 * AUTH_SECRET from the environment, else one generated on first run and kept (mode 0600) in the
 * git-ignored .data folder, so a fresh clone signs sessions without configuration.
 */
export function authSecret(): string {
  return process.env.AUTH_SECRET || installSecret("auth-secret");
}
