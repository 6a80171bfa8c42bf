/**
 * The chart as an image or PDF, drawn in the browser from what is on screen (names column and
 * the whole timeline of the current view), so the export matches the filters and the view.
 */
const MAX_CANVAS = 16_000;

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
  try {
    const pixelRatio = Math.min(2, MAX_CANVAS / width, MAX_CANVAS / height);
    const dataUrl = await toPng(frame, { backgroundColor: "#ffffff", width, height, pixelRatio });
    return { dataUrl, width: width * pixelRatio, height: height * pixelRatio };
  } finally {
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
