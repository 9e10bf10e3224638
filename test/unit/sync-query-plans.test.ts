/**
 * The plans of the statements sync runs for every page it pushes and every
 * record it applies, over a project whose whole state waits in the outbox
 * (36,000 spans, half of them shared), before and after SQLite has statistics.
 * Reading a page must go by the outbox's primary key: by its (kind, key) index
 * SQLite would read every pending change of a kind once per page, and reading
 * a large outbox would grow with its square.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject, optimizeAfterBulkWork, type Db } from '../../src/main/store/connection.js';
import { DOCUMENTS_BY_HASH_SQL, ENTITY_BY_UID_SQL, SPAN_AT_PLACE_SQL, SPAN_BY_UID_SQL, VERSION_SQL } from '../../src/main/sync/apply.js';
import { enableSync, pendingChangeCount } from '../../src/main/sync/index.js';
import { ACKNOWLEDGE_SQL, OUTBOX_DATA_SQL, OUTBOX_PAGE_SQL } from '../../src/main/sync/outbox.js';
import type { SyncKind } from '../../src/shared/sync.js';
import { tempDir } from '../helpers/project.js';
import { queryPlan } from '../helpers/query-plan.js';

const DOCUMENTS = 3000;
const SPANS_PER_DOCUMENT = 12;
const LABELS = ['DATE', 'FIGURE', 'PERSON', 'HOSPITAL'];

function fillProject(db: Db): void {
  db.transaction(() => {
    const document = db.prepare("INSERT INTO documents (id, title, source, content_hash, text, length_cp, imported_at) VALUES (?, 'Report', 'r.txt', ?, ?, 2000, 't')");
    const text = 'word '.repeat(400);
    for (let id = 1; id <= DOCUMENTS; id++) document.run(id, id.toString(16).padStart(64, '0'), text);
    const entity = db.prepare("INSERT INTO entities (id, name, label) VALUES (?, ?, 'HOSPITAL')");
    for (let id = 1; id <= 500; id++) entity.run(id, `Entity ${id}`);
    const span = db.prepare(
      "INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, entity_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'c', 'u')",
    );
    for (let id = 1; id <= DOCUMENTS; id++) {
      for (let n = 0; n < SPANS_PER_DOCUMENT; n++) {
        const shared = n % 2 === 1;
        span.run(id, n * 10, n * 10 + 5, LABELS[n % 4], shared ? (n % 4 === 1 ? 'mira' : 'tomas') : '', shared ? 'accepted' : 'suggested', n % 6 === 1 ? 1 + (id % 500) : null);
      }
    }
    db.prepare("INSERT INTO annotators (name, position, created_at) VALUES ('mira', 0, 't'), ('tomas', 1, 't')").run();
    db.prepare("INSERT INTO assignments SELECT CASE WHEN id % 2 THEN 'mira' ELSE 'tomas' END, id, 't' FROM documents").run();
    db.prepare("INSERT INTO document_progress SELECT CASE WHEN id % 2 THEN 'mira' ELSE 'tomas' END, id, 't' FROM documents WHERE id % 7 = 0").run();
    db.prepare("INSERT INTO project_settings (key, value, updated_at) VALUES ('blindAnnotation', 'true', 't')").run();
  })();
  enableSync(db, { serverUrl: 'http://server', token: 't', member: 'lan', role: 'lead', projectName: 'p' });
}

/** The page and data plans, and those of applying, as the project stands. */
function plans(db: Db): Record<string, string> {
  const data = Object.fromEntries(
    (Object.keys(OUTBOX_DATA_SQL) as SyncKind[]).map((kind) => [kind, queryPlan(db, OUTBOX_DATA_SQL[kind], 1, 5000)]),
  );
  return {
    page: queryPlan(db, OUTBOX_PAGE_SQL, 5000),
    ...data,
    acknowledge: queryPlan(db, ACKNOWLEDGE_SQL, '[]'),
    documents: queryPlan(db, DOCUMENTS_BY_HASH_SQL, '[]'),
    version: queryPlan(db, VERSION_SQL, 'span', 'x'),
    spanByUid: queryPlan(db, SPAN_BY_UID_SQL, 'x'),
    entityByUid: queryPlan(db, ENTITY_BY_UID_SQL, 'x'),
    spanAtPlace: queryPlan(db, SPAN_AT_PLACE_SQL, 1, 0, 5, 'DATE', 'mira'),
  };
}

const PAGE_BY_KEY = 'SEARCH o USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)';
const EXPECTED = {
  page: 'SCAN sync_outbox',
  label: `${PAGE_BY_KEY}\nSEARCH l USING INDEX sqlite_autoindex_labels_1 (name=?)`,
  annotator: `${PAGE_BY_KEY}\nSEARCH a USING PRIMARY KEY (name=?)`,
  assignment: `${PAGE_BY_KEY}\nSEARCH d USING COVERING INDEX sqlite_autoindex_documents_1 (content_hash=?)\nSEARCH a USING PRIMARY KEY (annotator=? AND document_id=?)`,
  progress: `${PAGE_BY_KEY}\nSEARCH d USING COVERING INDEX sqlite_autoindex_documents_1 (content_hash=?)\nSEARCH p USING PRIMARY KEY (annotator=? AND document_id=?)`,
  entity: `${PAGE_BY_KEY}\nSEARCH e USING INDEX entities_by_uid (uid=?)`,
  span: `${PAGE_BY_KEY}\nSEARCH s USING INDEX spans_by_uid (uid=?)\nSEARCH d USING INTEGER PRIMARY KEY (rowid=?)\nSEARCH e USING INTEGER PRIMARY KEY (rowid=?) LEFT-JOIN`,
  setting: `${PAGE_BY_KEY}\nSEARCH p USING PRIMARY KEY (key=?)`,
  acknowledge: 'SEARCH sync_outbox USING COVERING INDEX sqlite_autoindex_sync_outbox_1 (change_id=?)\nLIST SUBQUERY 1\n  SCAN json_each VIRTUAL TABLE INDEX 1:',
  documents: 'SEARCH documents USING INDEX sqlite_autoindex_documents_1 (content_hash=?)\nLIST SUBQUERY 1\n  SCAN json_each VIRTUAL TABLE INDEX 1:',
  version: 'SEARCH sync_versions USING PRIMARY KEY (kind=? AND key=?)',
  spanByUid: 'SEARCH spans USING COVERING INDEX spans_by_uid (uid=?)',
  entityByUid: 'SEARCH entities USING COVERING INDEX entities_by_uid (uid=?)',
  spanAtPlace: 'SEARCH spans USING INDEX sqlite_autoindex_spans_1 (document_id=? AND start_cp=? AND end_cp=? AND label=? AND annotator=?)',
};

describe('sync query plans', () => {
  let db: Db;

  beforeAll(() => {
    db = openProject(`${tempDir()}/plans.sqlite`);
    fillProject(db);
  });

  afterAll(() => db.close());

  it('reads the outbox a page at a time by its key and applies records by index, without statistics', () => {
    expect(pendingChangeCount(db)).toBe(4 + 2 + 1 + 500 + (DOCUMENTS * SPANS_PER_DOCUMENT) / 2 + DOCUMENTS + Math.floor(DOCUMENTS / 7));
    expect(plans(db)).toEqual(EXPECTED);
  });

  it('keeps the same plans once SQLite has statistics', () => {
    optimizeAfterBulkWork(db);
    expect(db.prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'sync_outbox'").pluck().get()).toBeGreaterThan(0);
    expect(plans(db)).toEqual(EXPECTED);
  });
});
