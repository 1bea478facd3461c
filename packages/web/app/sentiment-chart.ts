import uPlot from 'uplot';

export interface ChartPoint {
  second: number;
  speaker: string;
  comparative: number;
}

/** Customer and AI sentiment over the call's time (uPlot), one point per scored turn. */
export const sentimentChart = (points: ChartPoint[], width: number): HTMLElement => {
  const box = document.createElement('div');
  box.className = 'chart';
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', 'Customer and AI sentiment over the call');
  const sorted = [...points].sort((a, b) => a.second - b.second);
  const xs = sorted.map((p) => p.second);
  const of = (speaker: string): (number | null)[] =>
    sorted.map((p) => (p.speaker === speaker ? p.comparative : null));
  new uPlot(
    {
      width,
      height: 220,
      scales: { x: { time: false } },
      axes: [
        { label: 'seconds into the call' },
        { label: 'comparative', values: (_u, ticks) => ticks.map((t) => t.toFixed(2)) },
      ],
      series: [
        { label: 's' },
        {
          label: 'customer',
          stroke: '#0072b2',
          width: 2,
          spanGaps: true,
          points: { show: true, size: 7 },
        },
        {
          label: 'AI',
          stroke: '#e69f00',
          width: 2,
          dash: [6, 4],
          spanGaps: true,
          points: { show: true, size: 6 },
        },
      ],
    },
    [xs, of('customer'), of('ai')],
    box,
  );
  return box;
};
