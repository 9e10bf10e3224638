/**
 * What one imported file has added to the project. A file refused part-way is
 * undone by its savepoint, except for the parts already committed when it was
 * larger than a transaction: those are taken out again from this record, so a
 * refused file stores nothing. Only what the file itself created is removed: a
 * document or label that was there before stays, with what others added to it.
 */
import type { Db } from '../store/connection.js';
import { removeDocuments } from '../store/documents.js';
import { removeUnmentionedEntity } from '../store/entities.js';
import { removeUnusedLabel } from '../store/labels.js';
import { deleteSpanRow } from '../store/spans.js';

export class FileFootprint {
  /** Documents the file inserted. */
  readonly documents: number[] = [];
  /** Spans the file added to documents that were already there. */
  readonly spansElsewhere: number[] = [];
  readonly labels: string[] = [];
  readonly entities: number[] = [];

  /** Adds what one record added, once it is stored. */
  add(other: FileFootprint): void {
    this.documents.push(...other.documents);
    this.spansElsewhere.push(...other.spansElsewhere);
    this.labels.push(...other.labels);
    this.entities.push(...other.entities);
  }

  clear(): void {
    this.documents.length = 0;
    this.spansElsewhere.length = 0;
    this.labels.length = 0;
    this.entities.length = 0;
  }

  /**
   * Removes what the file added, inside the caller's transaction. Rows a
   * savepoint already undid are simply not found. Spans go before labels and
   * entities, which are removed only when nothing else came to use them.
   */
  remove(db: Db): void {
    for (const id of this.spansElsewhere) deleteSpanRow(db, id);
    removeDocuments(db, this.documents);
    for (const id of this.entities) removeUnmentionedEntity(db, id);
    for (const name of this.labels) removeUnusedLabel(db, name);
    this.clear();
  }
}
