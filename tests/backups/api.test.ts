import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupsModule } from '../../src/main/domains/backups/domain.js';
import { SCHEMA_VERSION } from '../../src/main/kernel/db/database.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { readOnly } from './fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ modules: (s) => [backupsModule(s)] });
});
afterAll(() => t.stop());

describe('backups API', () => {
  it('takes a backup on request and lists it', async () => {
    const empty = await t.call('GET', '/api/v1/backups');
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual({ directory: path.join(t.dataDir, 'backups'), backups: [] });

    const taken = await t.call('POST', '/api/v1/backups');
    expect(taken.status).toBe(201);
    const { backup, path: file } = taken.json.data;
    expect(backup.kind).toBe('manual');
    expect(backup.file).toMatch(/^buzzchat-manual-.*Z\.db$/);
    expect(file).toBe(path.join(t.dataDir, 'backups', backup.file));
    expect(backup.bytes).toBe(fs.statSync(file).size);
    expect(Math.abs(Date.parse(backup.createdAt) - Date.now())).toBeLessThan(60_000);
    // The key made by the test app is in the copy: it is the live database as of now.
    readOnly(file, (c) => {
      expect(c.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(c.prepare("SELECT count(*) FROM api_keys WHERE name = 'test'").pluck().get()).toBe(1);
    });

    const second = await t.call('POST', '/api/v1/backups', {});
    const list = await t.call('GET', '/v1/backups');
    expect(list.json.data.backups).toEqual([second.json.data.backup, backup]);
  });

  it('refuses a body it does not understand', async () => {
    const r = await t.call('POST', '/api/v1/backups', { kind: 'automatic' });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('VALIDATION_ERROR');
  });

  it('needs keys:admin', async () => {
    const { key } = t.app.services.keys.create('reader', ['analytics:read', 'settings:write']);
    for (const method of ['GET', 'POST']) {
      const r = await t.call(method, '/api/v1/backups', undefined, { key });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('INSUFFICIENT_SCOPE');
    }
    expect((await t.call('GET', '/api/v1/backups', undefined, { key: null })).status).toBe(401);
    const { key: admin } = t.app.services.keys.create('admin', ['keys:admin']);
    expect((await t.call('GET', '/api/v1/backups', undefined, { key: admin })).status).toBe(200);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/api/v1/openapi.json', undefined, { key: null })).json;
    expect(doc.paths['/api/v1/backups'].get.summary).toMatch(/backups/);
    expect(doc.paths['/api/v1/backups'].post.responses['201']).toBeDefined();
  });
});
