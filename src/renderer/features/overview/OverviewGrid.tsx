/**
 * The grid of chart cards. It holds everything that draws (ECharts among it), so
 * the Overview view loads it on first visit and the workbench starts without it.
 */
import { useMemo } from 'react';
import type { LabelDto, OverviewDto } from '../../../shared/api.js';
import { ChartCard } from './ChartCard.js';
import { useChartTheme } from './chart-theme.js';
import { overviewCharts } from './overview-charts.js';

interface OverviewGridProps {
  readonly overview: OverviewDto;
  readonly labels: readonly LabelDto[];
}

/** One card per chart. */
export function OverviewGrid({ overview, labels }: OverviewGridProps) {
  const theme = useChartTheme();
  const charts = useMemo(() => overviewCharts(overview, labels), [overview, labels]);
  return (
    <div className="overview-grid">
      {charts.map((spec) => (
        <ChartCard key={spec.id} spec={spec} theme={theme} />
      ))}
    </div>
  );
}
