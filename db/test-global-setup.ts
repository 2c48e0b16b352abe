import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "./database";

/**
 * Migrates one template database per run; each test file then gets its own copy of it (see
 * test-database.ts), so files can run in parallel. With DATABASE_URL set the template is a
 * database on that server, else a dumped PGlite data folder (initdb and the migrations once, not
 * per file: ~5 s saved per file).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ url: "", dataDir: "memory://" });
    await handle.migrate();
    const file = path.join(tmpdir(), `conv-pglite-template-${process.pid}.tar`);
    await writeFile(file, Buffer.from(await (await handle.dump!()).arrayBuffer()));
    await handle.close();
    project.provide("pgliteTemplate", file);
    return () => rm(file, { force: true });
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const template = `conv_tpl_${process.pid}_${Date.now()}`;
  await admin.unsafe(`CREATE DATABASE "${template}"`);
  const handle = await openDatabase({ url: withDatabase(url, template), poolSize: 1 });
  await handle.migrate();
  await handle.close();
  project.provide("templateDatabase", template);

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`
      SELECT datname FROM pg_database WHERE datname = ${template} OR datname LIKE ${`conv_t_${process.pid}_%`}`;
    for (const { datname } of leftovers) {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.end();
  };
}

export function withDatabase(url: string, database: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    pgliteTemplate: string;
  }
}
