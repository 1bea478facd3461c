import uPlot from 'uplot';

/** A customer-sentiment sparkline (uPlot): no axes, no cursor, a zero line for scale. */
export const sparkline = (points: number[], width = 120, height = 28): HTMLElement => {
  const box = document.createElement('div');
  box.className = 'spark';
  const xs = points.map((_, i) => i);
  const last = points.at(-1) ?? 0;
  new uPlot(
    {
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: false }, y: { range: [-0.5, 0.5] } },
      series: [
        {},
        {
          stroke: last < -0.02 ? '#d55e00' : last > 0.02 ? '#0072b2' : '#666',
          width: 1.5,
          points: { show: points.length < 2, size: 4 },
        },
        { stroke: '#bbb', width: 1, dash: [2, 2], points: { show: false } },
      ],
    },
    [xs, points.map((p) => Math.max(-0.5, Math.min(0.5, p))), xs.map(() => 0)],
    box,
  );
  return box;
};
