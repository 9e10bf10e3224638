import { countOf } from '../../shared/plural.js';
import type { SyncReport } from './sync-run.js';

/** One line on what a sync did, for the command line and the workbench's job summary. */
export function syncSummary(report: SyncReport): string {
  const parts = [
    `pushed ${countOf(report.pushed, 'change')}${report.superseded > 0 ? ` (${report.superseded} already there or overtaken)` : ''}`,
    `pulled ${countOf(report.pulled, 'change')} (${report.applied} applied)`,
  ];
  if (report.documentsAdded > 0) parts.push(countOf(report.documentsAdded, 'new document'));
  if (report.setAside > 0) parts.push(`${countOf(report.setAside, 'change')} kept here, as your role may not send ${report.setAside === 1 ? 'it' : 'them'}`);
  return `${parts.join(', ')} in ${report.seconds.toFixed(1)} s${report.cancelled ? ', then stopped; run it again to finish' : ''}`;
}
