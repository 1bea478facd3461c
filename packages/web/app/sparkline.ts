import uPlot from 'uplot';

/** A customer-sentiment sparkline (uPlot): no axes, no cursor, a zero line for scale. */
export const sparkline = (points: number[], width = 120, height = 28): HTMLElement => {
  const box = document.createElement('div');
  box.className = 'spark';
  const xs = points.map((_, i) => i);
  const last = points.at(-1) ?? 0;
  // Symmetric around zero, so the line's side of the dashed zero line reads as its sign.
  const span = Math.max(0.5, ...points.map((p) => Math.abs(p)));
  new uPlot(
    {
      width,
      height,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: false }, y: { range: [-span * 1.1, span * 1.1] } },
      series: [
        {},
        {
          stroke: last < -0.02 ? '#d55e00' : last > 0.02 ? '#0072b2' : '#666',
          width: 1.5,
          points: { show: points.length < 3, size: 5 },
        },
        { stroke: '#bbb', width: 1, dash: [2, 2], points: { show: false } },
      ],
    },
    [xs, points, xs.map(() => 0)],
    box,
  );
  return box;
};
