/**
 * Sync at a size where a slip shows: publishing 20,000 documents' worth of
 * spans, reading them out a page at a time, and applying 10,000 pulled spans.
 * The bounds are loose (the machine may be busy); what they catch is work
 * that grows with the outbox on every page, or a statement per row in JS.
 * At 100,000 documents and 300,000 spans the same steps measured 2.9 s to
 * enable, 90 ms a page of 5,000 and 0.6 s to apply 10,000 spans.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acknowledgePushed, applyPulled, enableSync, pendingChangeCount, readOutbox } from '../../src/main/sync/index.js';
import type { SyncRecord } from '../../src/shared/sync.js';
import { createTestProject } from '../helpers/project.js';

const DOCUMENTS = 20_000;
const SPANS_PER_DOCUMENT = 3;

function project(): ReturnType<typeof createTestProject>['db'] {
  const { db } = createTestProject();
  db.transaction(() => {
    const document = db.prepare("INSERT INTO documents (title, source, content_hash, text, length_cp, imported_at) VALUES ('t', 's', ?, ?, 60, 't')");
    for (let n = 0; n < DOCUMENTS; n++) {
      const text = `Document ${n} `.padEnd(60, '.');
      document.run(createHash('sha256').update(text).digest('hex'), text);
    }
    db.prepare(
      `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at)
       SELECT d.id, n.value * 10, n.value * 10 + 5, 'HOSPITAL', 'lan', 'accepted', 'c', 'u' FROM documents d, json_each('[0,1,2]') n`,
    ).run();
    db.prepare("INSERT INTO document_progress SELECT 'lan', id, 't' FROM documents WHERE id % 2 = 0").run();
  })();
  return db;
}

function seconds(work: () => void): number {
  const start = performance.now();
  work();
  return (performance.now() - start) / 1000;
}

describe('sync performance', () => {
  it('publishes, reads out and applies tens of thousands of records in bounded time', () => {
    const a = project();
    expect(seconds(() => enableSync(a, { serverUrl: 'http://server', token: 't', member: 'lan', role: 'lead', projectName: 'p' }))).toBeLessThan(5);
    const total = pendingChangeCount(a);
    expect(total).toBe(4 + DOCUMENTS * SPANS_PER_DOCUMENT + DOCUMENTS / 2);

    const spans: SyncRecord[] = [];
    let slowest = 0;
    for (;;) {
      let page: SyncRecord[] = [];
      slowest = Math.max(
        slowest,
        seconds(() => {
          page = readOutbox(a, 5000);
        }),
      );
      if (page.length === 0) break;
      for (const record of page) if (record.kind === 'span' && spans.length < 10_000) spans.push({ ...record, author: 'lan' });
      acknowledgePushed(
        a,
        page.map((record) => record.changeId),
      );
    }
    expect(pendingChangeCount(a)).toBe(0);
    expect(slowest).toBeLessThan(1);

    // Another laptop with the same documents and none of the spans.
    const b = project();
    b.prepare('DELETE FROM spans').run();
    enableSync(b, { serverUrl: 'http://server', token: 't', member: 'bob', role: 'annotator', projectName: 'p', recordExisting: false });
    let applied = 0;
    expect(
      seconds(() => {
        applied = applyPulled(b, spans, 10_000).applied;
      }),
    ).toBeLessThan(3);
    expect(applied).toBe(10_000);
    expect(b.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(10_000);
  }, 60_000);
});
