import uPlot from 'uplot';

export interface Bucket {
  bucket: string;
  calls: number;
  negative: number;
}

/** Calls per hour or day as bars, with the share of negative calls as a line (uPlot). */
export const callsChart = (
  counts: Bucket[],
  width: number,
  /** The filter's range in Unix seconds: the axis shows all of it, empty hours included. */
  range: [number, number],
): HTMLElement => {
  const box = document.createElement('div');
  box.className = 'chart';
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', 'Calls over time and the share of negative calls');
  const xs = counts.map((c) => Date.parse(c.bucket) / 1000);
  new uPlot(
    {
      width,
      height: 240,
      scales: { x: { time: true, range: () => range }, share: { range: [0, 100] } },
      axes: [
        {},
        { label: 'calls' },
        { scale: 'share', side: 1, label: '% negative', grid: { show: false } },
      ],
      series: [
        {},
        {
          label: 'calls',
          stroke: '#0072b2',
          fill: 'rgba(0, 114, 178, 0.35)',
          paths: uPlot.paths.bars?.({ size: [0.8, 40] }),
          points: { show: false },
        },
        {
          label: '% negative',
          scale: 'share',
          stroke: '#d55e00',
          width: 2,
          dash: [6, 3],
          points: { show: true, size: 6 },
        },
      ],
    },
    [
      xs,
      counts.map((c) => c.calls),
      counts.map((c) => (c.calls ? Math.round((1000 * c.negative) / c.calls) / 10 : null)),
    ],
    box,
  );
  return box;
};
