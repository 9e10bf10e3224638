import type { Migration } from './migration.js';
import { migration001 } from './001-initial.js';
import { migration002 } from './002-search-index.js';
import { migration003 } from './003-history-and-progress.js';
import { migration004 } from './004-search-index-buffer.js';
import { migration005 } from './005-duplicates.js';
import { migration006 } from './006-entity-links.js';
import { migration007 } from './007-suggestions.js';
import { migration008 } from './008-search-index-backlog.js';
import { migration009 } from './009-search-index-merges.js';
import { migration010 } from './010-linked-spans-index.js';
import { migration011 } from './011-progress-and-entity-name-indexes.js';
import { migration012 } from './012-edit-batches.js';
import { migration013 } from './013-labels-that-name-things.js';
import { migration014 } from './014-colour-blind-safe-label-colours.js';
import { migration015 } from './015-annotators-progress-assignments.js';
import { migration016 } from './016-sentence-and-contained-duplicates.js';
import { migration017 } from './017-sync-change-log.js';

/** Every migration, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
];

export const LATEST_VERSION = MIGRATIONS.length;
