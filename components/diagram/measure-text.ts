/**
 * How wide a line of the diagram's text is, in CSS pixels. The server (and the first render in the
 * browser, so hydration matches) estimates; once mounted, the diagram measures with a canvas in
 * the page's own font.
 */
export interface TextFont {
  size: number;
  weight: number;
}

export type MeasureText = (text: string, font: TextFont) => number;

/** A generous guess (wide sans-serif faces run about 0.6 em a character), so estimated text fits. */
export const estimateTextWidth: MeasureText = (text, font) => text.length * font.size * (font.weight >= 600 ? 0.64 : 0.6);

/** Measures in the given font family, or null where there is no canvas. */
export function canvasTextMeasure(fontFamily: string): MeasureText | null {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return null;
  const widths = new Map<string, number>();
  return (text, font) => {
    const key = `${font.weight} ${font.size} ${text}`;
    let width = widths.get(key);
    if (width === undefined) {
      // Live figures keep making new texts: start over now and then rather than grow for ever.
      if (widths.size > 2_000) widths.clear();
      context.font = `${font.weight} ${font.size}px ${fontFamily}`;
      width = context.measureText(text).width;
      widths.set(key, width);
    }
    return width;
  };
}
