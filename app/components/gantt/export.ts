/**
 * The chart as an image or PDF, drawn in the browser from what is on screen (names column and
 * the whole timeline of the current view), so the export matches the filters and the view.
 */
const MAX_CANVAS = 16_000;

/** SVG styling that comes from stylesheets; html-to-image copies computed styles only for HTML. */
const SVG_PROPERTIES = [
  "fill",
  "fill-opacity",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-opacity",
  "opacity",
  "display",
  "visibility",
  "font-family",
  "font-size",
  "font-weight",
  "text-anchor",
  "dominant-baseline",
  "transform",
  "transform-origin",
  "transform-box",
];

/** Writes each SVG element's computed look into its style attribute; returns how to undo it. */
function inlineSvgStyles(frame: HTMLElement) {
  const saved: [Element, string | null][] = [];
  for (const element of frame.querySelectorAll<SVGElement>("svg *")) {
    saved.push([element, element.getAttribute("style")]);
    const computed = getComputedStyle(element);
    for (const name of SVG_PROPERTIES) element.style.setProperty(name, computed.getPropertyValue(name));
  }
  return () => {
    for (const [element, style] of saved) {
      if (style === null) element.removeAttribute("style");
      else element.setAttribute("style", style);
    }
  };
}

async function renderPng(frame: HTMLElement) {
  const { toPng } = await import("html-to-image");
  const container = frame.querySelector<HTMLElement>(".gantt-container");
  const names = frame.querySelector<HTMLElement>(".tg-gantt-names");
  const chartWidth = container ? container.scrollWidth : frame.clientWidth;
  const width = (names?.offsetWidth ?? 0) + chartWidth;
  const height = frame.scrollHeight;
  // Show the whole timeline while drawing, then put the scrolled view back.
  const saved = container ? { overflow: container.style.overflow, width: container.style.width, scroll: container.scrollLeft } : null;
  const savedFrameWidth = frame.style.width;
  if (container) {
    container.style.overflow = "visible";
    container.style.width = `${chartWidth}px`;
  }
  frame.style.width = `${width}px`;
  const restoreSvg = inlineSvgStyles(frame);
  // The year label the library pins to the left while scrolling goes back to its own column.
  const pinned = [...frame.querySelectorAll(".current-upper")];
  for (const label of pinned) label.classList.remove("current-upper");
  try {
    const pixelRatio = Math.min(2, MAX_CANVAS / width, MAX_CANVAS / height);
    const dataUrl = await toPng(frame, { backgroundColor: "#ffffff", width, height, pixelRatio });
    return { dataUrl, width: width * pixelRatio, height: height * pixelRatio };
  } finally {
    restoreSvg();
    for (const label of pinned) label.classList.add("current-upper");
    frame.style.width = savedFrameWidth;
    if (container && saved) {
      container.style.overflow = saved.overflow;
      container.style.width = saved.width;
      container.scrollLeft = saved.scroll;
    }
  }
}

function download(href: string, filename: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

const stamp = () => new Date().toISOString().slice(0, 10);

export async function exportChartPng(frame: HTMLElement | null) {
  if (!frame) return;
  const { dataUrl } = await renderPng(frame);
  download(dataUrl, `traguardi-gantt-${stamp()}.png`);
}

export async function exportChartPdf(frame: HTMLElement | null, title: string) {
  if (!frame) return;
  const [{ dataUrl, width, height }, { jsPDF }] = await Promise.all([renderPng(frame), import("jspdf")]);
  const pdf = new jsPDF({ orientation: "landscape", unit: "pt", format: "a3" });
  const pageWidth = pdf.internal.pageSize.getWidth();
  const pageHeight = pdf.internal.pageSize.getHeight();
  const margin = 28;
  pdf.setFontSize(14);
  pdf.text(title, margin, margin + 6);
  const scale = Math.min((pageWidth - 2 * margin) / width, (pageHeight - 2 * margin - 20) / height);
  pdf.addImage(dataUrl, "PNG", margin, margin + 20, width * scale, height * scale);
  pdf.save(`traguardi-gantt-${stamp()}.pdf`);
}
