/** Zoom and pan of the plan's graph: a translate + uniform scale, pure math here, wired to pointer and keys by the view. */
export interface ViewBox {
  k: number;
  x: number;
  y: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 8;
export const ZOOM_STEP = 1.25;
export const PAN_STEP = 40;

const clamp = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** Scales by `factor` keeping the screen point (px, py) over the same graph point. */
export function zoomAt(v: ViewBox, factor: number, px: number, py: number): ViewBox {
  const k = clamp(v.k * factor);
  const f = k / v.k;
  return { k, x: px - (px - v.x) * f, y: py - (py - v.y) * f };
}

export function panBy(v: ViewBox, dx: number, dy: number): ViewBox {
  return { k: v.k, x: v.x + dx, y: v.y + dy };
}

/** The whole content centred in the viewport, never enlarged beyond 1:1 (small graphs stay their size). */
export function fitView(contentW: number, contentH: number, viewW: number, viewH: number, margin = 8): ViewBox {
  if (contentW <= 0 || contentH <= 0 || viewW <= 0 || viewH <= 0) return { k: 1, x: 0, y: 0 };
  const k = clamp(Math.min((viewW - 2 * margin) / contentW, (viewH - 2 * margin) / contentH, 1));
  return { k, x: (viewW - contentW * k) / 2, y: (viewH - contentH * k) / 2 };
}

/** What a key does on the focused graph, or null when it is not one of ours. */
export function keyAction(key: string): { zoom: number } | { pan: [number, number] } | 'fit' | null {
  switch (key) {
    case '+': case '=': return { zoom: ZOOM_STEP };
    case '-': case '_': return { zoom: 1 / ZOOM_STEP };
    case '0': return 'fit';
    case 'ArrowLeft': return { pan: [PAN_STEP, 0] };
    case 'ArrowRight': return { pan: [-PAN_STEP, 0] };
    case 'ArrowUp': return { pan: [0, PAN_STEP] };
    case 'ArrowDown': return { pan: [0, -PAN_STEP] };
    default: return null;
  }
}
