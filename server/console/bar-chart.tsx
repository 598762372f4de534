/**
 * A small bar chart in plain SVG (the console needs a few bar charts, not a chart library):
 * one bar per category, stacked when there are several series, with the value on top and
 * each segment's numbers in its tooltip.
 */

type BarSeries = { name: string; color: string; values: number[] }

const PLOT_HEIGHT = 160
const LABEL_HEIGHT = 34
const TOP = 18

/** A label cut to what fits under its bar (about 10 px a character), the cut marked with …. */
function fitted(label: string, slot: number): string {
  const room = Math.max(2, Math.floor(slot / 10))
  return label.length <= room ? label : `${label.slice(0, room - 1)}…`
}

export function BarChart({ title, categories, series, barWidth = 28 }: { title: string; categories: string[]; series: BarSeries[]; barWidth?: number }) {
  const totals = categories.map((_, index) => series.reduce((sum, one) => sum + (one.values[index] ?? 0), 0))
  const max = Math.max(1, ...totals)
  const slot = barWidth + 12
  const width = Math.max(categories.length * slot, 200)
  const scale = (value: number) => (value / max) * PLOT_HEIGHT
  return (
    <figure style={{ margin: 0 }} aria-label={title}>
      <svg
        role="img"
        aria-label={title}
        width="100%"
        viewBox={`0 0 ${width} ${TOP + PLOT_HEIGHT + LABEL_HEIGHT}`}
        style={{ maxWidth: width * 1.6, display: 'block' }}
      >
        <line x1={0} x2={width} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} stroke="#d9d9d9" />
        {categories.map((category, index) => {
          const x = index * slot + 6
          let y = TOP + PLOT_HEIGHT
          return (
            <g key={category} data-category={category} data-total={totals[index]}>
              {series.map((one) => {
                const value = one.values[index] ?? 0
                if (value === 0) return null
                const height = scale(value)
                y -= height
                return (
                  <rect key={one.name} x={x} y={y} width={barWidth} height={height} fill={one.color}>
                    <title>{`${category} ${one.name}：${value}`}</title>
                  </rect>
                )
              })}
              <text x={x + barWidth / 2} y={TOP + PLOT_HEIGHT - scale(totals[index] ?? 0) - 4} textAnchor="middle" fontSize={11} fill="#595959">
                {totals[index] ? totals[index] : ''}
              </text>
              <text x={x + barWidth / 2} y={TOP + PLOT_HEIGHT + 14} textAnchor="middle" fontSize={10} fill="#595959">
                {fitted(category, slot)}
                <title>{category}</title>
              </text>
            </g>
          )
        })}
      </svg>
      {series.length > 1 && (
        <figcaption style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12 }}>
          {series.map((one) => (
            <span key={one.name}>
              <span style={{ display: 'inline-block', width: 10, height: 10, background: one.color, marginRight: 4 }} />
              {one.name}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  )
}
