// Baseline for bench/footprint.ts: a bare Express + better-sqlite3 server (a WAL database, one prepared read
// per request). Prints "listening on <url>" like `buzzchat serve`. Usage: node bench/lib/bare-server.mjs <dir>
import express from 'express';
import Database from 'better-sqlite3';
import path from 'node:path';

const db = new Database(path.join(process.argv[2], 'bare.db'));
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS t (a)');
const count = db.prepare('SELECT COUNT(*) AS n FROM t');
const app = express();
app.get('/api/v1/health', (_req, res) => res.json({ status: 'ok', n: count.get().n }));
const server = app.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
