/** The Overview's progress per annotator: done marks over time, their queue, and throughput. */
import type { OverviewDto } from '../../../shared/api.js';

const rate = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** One row per annotator; each day's marks are listed with the running total. */
export function AnnotatorProgress({ progress }: { readonly progress: OverviewDto['annotatorProgress'] }) {
  if (progress.length === 0) return null;
  return (
    <section className="annotator-progress" aria-labelledby="annotator-progress-heading">
      <h3 id="annotator-progress-heading">Progress per annotator</h3>
      <table aria-label="Progress per annotator">
        <thead>
          <tr>
            <th scope="col">Annotator</th>
            <th scope="col">Done</th>
            <th scope="col">Assigned</th>
            <th scope="col" title="Documents marked done per hour, counting the time between a day’s first and last mark">
              Documents per hour
            </th>
            <th scope="col">Done per day (running total)</th>
          </tr>
        </thead>
        <tbody>
          {progress.map((row) => (
            <tr key={row.annotator}>
              <th scope="row">{row.annotator}</th>
              <td>{row.done}</td>
              <td>{row.assigned > 0 ? row.assigned : '–'}</td>
              <td>{row.documentsPerHour === null ? '–' : rate.format(row.documentsPerHour)}</td>
              <td>{row.days.map((day) => `${day.day}: ${day.done} (${day.cumulative})`).join(', ') || '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
