// Test files import "server-only" modules through lib/; outside Next.js that import is a no-op.
import { vi } from "vitest";

vi.mock("server-only", () => ({}));
