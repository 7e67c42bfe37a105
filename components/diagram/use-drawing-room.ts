"use client";
/**
 * How wide the diagram may draw (its container's content width, followed as the window changes)
 * and how to measure its text in the page's font. Both are null until the component is mounted:
 * the server cannot know them, and the first render in the browser must match the server's.
 */
import { useEffect, useState, type RefObject } from "react";
import { canvasTextMeasure, type MeasureText } from "./measure-text";

export function useDrawingRoom(ref: RefObject<HTMLElement | null>): { width: number | null; measure: MeasureText | null } {
  const [width, setWidth] = useState<number | null>(null);
  const [measure, setMeasure] = useState<MeasureText | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setMeasure(() => canvasTextMeasure(getComputedStyle(element).fontFamily));
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.floor(entry.contentRect.width);
      // A hidden diagram reports no width: keep the last one.
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return { width, measure };
}
