/**
 * Node.js flags for the next-server process (`npm start` and the HTTP bench start it alike).
 * V8 grows the young generation up to 16 MB per semi-space and keeps it resident; 2 MB cuts the
 * idle server by tens of MB for more frequent (cheap) scavenges. See docs/decisions/0061.
 */
export const nextServerNodeArgs = ["--max-semi-space-size=2"];
