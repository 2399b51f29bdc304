// Hand-written SVG building blocks: text, pills and one horizontal bar chart per panel.

export const COLORS = {
  ours: '#2563eb',
  floor: '#4b5563',
  peer: '#9ca3af',
  whisker: '#111827',
  PASS: '#15803d',
  MISS: '#b91c1c',
  SKIP: '#6b7280',
  miss: '#b91c1c',
  text: '#111827',
  muted: '#6b7280',
  grid: '#e5e7eb',
};

export function escapeXml(text) {
  return String(text).replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function text(
  x,
  y,
  content,
  { size = 12, weight = 'normal', fill = COLORS.text, anchor = 'start' } = {},
) {
  return `<text x="${x}" y="${y}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

/** A goal's verdict; `withinNoise` (threshold inside the measure's spread) gets a hatched look and a ≈. */
export function pill(x, y, width, status, label, withinNoise = false) {
  const mark = withinNoise ? `${status}≈` : status;
  return [
    `<rect x="${x}" y="${y}" width="${width}" height="22" rx="11" fill="${COLORS[status]}"${withinNoise ? ' fill-opacity="0.7"' : ''}/>`,
    text(x + 10, y + 15, `${mark}  ${label}`, { size: 11, weight: 'bold', fill: '#ffffff' }),
  ].join('');
}

const LABEL_WIDTH = 150;
const ROW_HEIGHT = 22;
/** Room right of the longest bar for its value label (11 px text is about 6.5 px a character). */
const valueWidth = (rows) => 12 + 6.5 * Math.max(8, ...rows.map((row) => String(row.valueText).length));

/**
 * A panel: title, subtitle and one bar per row. Rows: `{ label, value, lo, hi, kind, valueText }`,
 * `kind` ours | floor | peer picks the colour; `lo`/`hi` draw a p25–p75 whisker.
 */
export function barPanel({ x, y, width, title, subtitle, rows, skipped }) {
  const parts = [text(x, y + 14, title, { size: 13, weight: 'bold' })];
  if (subtitle) parts.push(text(x, y + 30, subtitle, { size: 11, fill: COLORS.muted }));
  const top = y + 40;
  if (skipped) {
    parts.push(text(x, top + 14, skipped, { size: 11, fill: COLORS.muted }));
    return { svg: parts.join(''), height: 70 };
  }
  const barWidth = width - LABEL_WIDTH - valueWidth(rows);
  const max = Math.max(...rows.map((row) => Math.max(row.hi ?? 0, row.value))) * 1.05 || 1;
  const scale = (value) => (Math.max(0, value) / max) * barWidth;
  const left = x + LABEL_WIDTH;
  parts.push(
    `<line x1="${left}" y1="${top - 4}" x2="${left}" y2="${top + rows.length * ROW_HEIGHT}" stroke="${COLORS.grid}"/>`,
  );
  rows.forEach((row, index) => {
    const rowY = top + index * ROW_HEIGHT;
    const fill = COLORS[row.kind] ?? COLORS.peer;
    parts.push(
      text(left - 8, rowY + 14, row.label, {
        size: 11,
        anchor: 'end',
        weight: row.kind === 'ours' ? 'bold' : 'normal',
      }),
    );
    parts.push(
      `<rect x="${left}" y="${rowY + 3}" width="${scale(row.value).toFixed(1)}" height="14" rx="2" fill="${fill}"/>`,
    );
    if (row.lo !== undefined && row.hi !== undefined) {
      const [from, to, mid] = [left + scale(row.lo), left + scale(row.hi), rowY + 10];
      parts.push(
        `<path d="M${from.toFixed(1)} ${mid - 4}v8M${from.toFixed(1)} ${mid}H${to.toFixed(1)}M${to.toFixed(1)} ${mid - 4}v8" stroke="${COLORS.whisker}" stroke-width="1.2" fill="none"/>`,
      );
    }
    const valueX = left + Math.max(scale(row.value), scale(row.hi ?? 0)) + 6;
    parts.push(
      text(valueX, rowY + 14, row.valueText, { size: 11, weight: row.kind === 'ours' ? 'bold' : 'normal' }),
    );
  });
  return { svg: parts.join(''), height: 48 + rows.length * ROW_HEIGHT };
}
