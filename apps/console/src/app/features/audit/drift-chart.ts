import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ComparisonListItem } from '@vantix/contracts';
import {
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';
import { EMPTY, expand, reduce, take } from 'rxjs';
import { ComparisonApi } from '../../core/api/comparison-api';
import { toApiProblem } from '../../core/api/api-problem';

// Register only what a line chart uses: keeps chart.js's share of the bundle small.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/** How many of the newest comparisons the chart covers. */
const MAX_COMPARISONS = 200;
const PAGE = 50;
const COLORS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f'];

export interface DriftSeries {
  labels: string[];
  /** Per table, missing in Production per comparison (oldest first); null where the table was not compared. */
  tables: { table: string; values: (number | null)[] }[];
}

/** Comparisons come newest first; the chart reads left to right, oldest first. */
export function driftSeries(items: ComparisonListItem[], label: (iso: string) => string): DriftSeries {
  const chronological = [...items].reverse();
  const tableNames = [...new Set(chronological.flatMap((item) => item.tables.map((t) => t.table)))];
  return {
    labels: chronological.map((item) => label(item.startedAt)),
    tables: tableNames.map((table) => ({
      table,
      values: chronological.map((item) => item.tables.find((t) => t.table === table)?.missingInProduction ?? null),
    })),
  };
}

/** Missing-in-Production per table across past comparisons: drift over time. */
@Component({
  selector: 'vx-drift-chart',
  imports: [MatProgressBar],
  templateUrl: './drift-chart.html',
  styleUrl: './drift-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DriftChart {
  private readonly api = inject(ComparisonApi);
  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly datePipe = new DatePipe('en-US');
  private chart: Chart | null = null;

  protected readonly items = signal<ComparisonListItem[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly series = computed(() => {
    const items = this.items();
    return items ? driftSeries(items, (iso) => this.datePipe.transform(iso, 'MM-dd HH:mm:ss') ?? iso) : null;
  });

  constructor() {
    this.api
      .list(null, PAGE)
      .pipe(
        expand((page) => (page.nextCursor ? this.api.list(page.nextCursor, PAGE) : EMPTY)),
        take(Math.ceil(MAX_COMPARISONS / PAGE)),
        reduce((all, page) => all.concat(page.items), [] as ComparisonListItem[]),
      )
      .subscribe({
        next: (items) => this.items.set(items),
        error: (error: unknown) => this.error.set(toApiProblem(error).message),
      });

    effect(() => {
      const series = this.series();
      const canvas = this.canvas()?.nativeElement;
      if (!series || !canvas) {
        return;
      }
      this.chart?.destroy();
      this.chart = new Chart(canvas, {
        type: 'line',
        data: {
          labels: series.labels,
          datasets: series.tables.map((t, i) => ({
            label: t.table,
            data: t.values,
            borderColor: COLORS[i % COLORS.length],
            backgroundColor: COLORS[i % COLORS.length],
            spanGaps: true,
            tension: 0.2,
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { y: { beginAtZero: true, title: { display: true, text: 'missing in Production' } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }
}
