// Creates (or with --drop, drops) a database on the PostgreSQL server: node create-database.mjs URL NAME [--drop]
import postgres from "postgres";

const [url, name, flag] = process.argv.slice(2);
if (!/^[a-z0-9_]+$/.test(name ?? "")) throw new Error(`bad database name: ${name}`);
const sql = postgres(url, { max: 1, onnotice: () => {} });
await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
if (flag !== "--drop") await sql.unsafe(`CREATE DATABASE "${name}"`);
await sql.end();
