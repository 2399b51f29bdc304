// Number formatting shared by the Markdown and SVG reports.

export function ms(value) {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (Math.abs(value) < 10) return `${value.toFixed(2)} ms`;
  if (Math.abs(value) < 1000) return `${value.toFixed(1)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}

export function count(value) {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value >= 10_000) return `${(value / 1000).toFixed(1)}k`;
  return value.toFixed(value < 100 ? 1 : 0);
}

export function ratio(value) {
  return `${value.toFixed(2)}×`;
}

export function range(summary, format = ms) {
  return `${format(summary.p25)}–${format(summary.p75)}`;
}

export function mb(value) {
  return `${value.toFixed(0)} MB`;
}

export function us(value) {
  if (value === undefined || Number.isNaN(value)) return '–';
  return value < 1000 ? `${value.toFixed(0)} µs` : ms(value / 1000);
}
