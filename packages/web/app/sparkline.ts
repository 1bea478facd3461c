import uPlot from 'uplot';

/** A customer-sentiment sparkline (uPlot): no axes, no cursor, a zero line for scale. */
export const sparkline = (points: number[], width = 120, height = 28): HTMLElement => {
  const last = points.at(-1) ?? 0;
  const box = document.createElement('div');
  box.className = 'spark';
  box.setAttribute('role', 'img');
  // The line's colour is the latest turn's; the words say the same for screen readers.
  box.setAttribute(
    'aria-label',
    `customer turns: ${points.length}, latest ${last.toFixed(2)}, first ${(points[0] ?? 0).toFixed(2)}`,
  );
  box.title = box.getAttribute('aria-label') ?? '';
  const xs = points.map((_, i) => i);
  const colour = last < -0.02 ? '#d55e00' : last > 0.02 ? '#0072b2' : '#666';
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
      // Half a step of room either side, so a first point is drawn whole, not on the edge.
      scales: {
        x: { time: false, range: [-0.5, Math.max(1, points.length - 1) + 0.5] },
        y: { range: [-span * 1.3, span * 1.3] },
      },
      series: [
        {},
        {
          stroke: colour,
          width: 1.5,
          points: { show: points.length < 3, size: 6, fill: colour },
        },
        { stroke: '#bbb', width: 1, dash: [2, 2], points: { show: false } },
      ],
    },
    [xs, points, xs.map(() => 0)],
    box,
  );
  return box;
};
