import type { Db } from '../store/connection.js';
import { annotatorCount } from '../store/annotators.js';
import { projectSettings } from '../store/settings.js';

/**
 * Whether annotators work blind: each sees their own spans and the suggestions
 * they have not decided, and deciding a shared suggestion decides it for them
 * alone. The project setting says so; left unset, it is on once the project has
 * a second annotator.
 */
export function blindAnnotationOn(db: Db): boolean {
  return projectSettings(db).blindAnnotation ?? annotatorCount(db) >= 2;
}
