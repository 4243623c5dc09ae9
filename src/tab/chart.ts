import type { ChartBar } from './contract.js';
import { el, svg } from './dom.js';

/**
 * A horizontal bar chart drawn as SVG: each bar has its label and its number as text, so the
 * figure reads the same to a screen reader (role="img" with a description) and in high contrast.
 */

const WIDTH = 520;
const LABEL_WIDTH = 190;
const COUNT_WIDTH = 50;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 16;

export function renderBarChart(
  figure: HTMLElement,
  title: string,
  bars: ChartBar[],
  formatCount: (n: number) => string,
  barClass: (bar: ChartBar) => string = () => '',
): void {
  const captionId = `${figure.id}-caption`;
  const descriptionId = `${figure.id}-description`;
  const largest = Math.max(1, ...bars.map((b) => b.count));
  const barSpace = WIDTH - LABEL_WIDTH - COUNT_WIDTH;
  const rows = bars.map((bar, index) => {
    const y = index * ROW_HEIGHT;
    const width = bar.count === 0 ? 0 : Math.max(2, Math.round((bar.count / largest) * barSpace));
    return svg(
      'g',
      { 'data-key': bar.key, 'data-count': bar.count },
      svg(
        'text',
        {
          x: LABEL_WIDTH - 8,
          y: y + ROW_HEIGHT / 2,
          'text-anchor': 'end',
          'dominant-baseline': 'middle',
        },
        bar.label,
      ),
      svg('rect', {
        class: `bar ${barClass(bar)}`.trim(),
        x: LABEL_WIDTH,
        y: y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
        width,
        height: BAR_HEIGHT,
        rx: 2,
      }),
      svg(
        'text',
        { x: LABEL_WIDTH + width + 6, y: y + ROW_HEIGHT / 2, 'dominant-baseline': 'middle' },
        formatCount(bar.count),
      ),
    );
  });
  const description = bars.map((b) => `${b.label}: ${formatCount(b.count)}`).join('; ');
  const picture = svg(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${bars.length * ROW_HEIGHT}`,
      role: 'img',
      'aria-labelledby': captionId,
      'aria-describedby': descriptionId,
    },
    svg('desc', { id: descriptionId }, description),
    ...rows,
  );
  figure.replaceChildren(el('figcaption', { id: captionId }, title), picture);
}
