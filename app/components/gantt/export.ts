/**
 * The chart as a PDF or PNG, drawn from the rows on screen (the current filters and open work
 * packages) by the layout in sheet.ts, not photographed from the DOM: the PDF is vector with
 * selectable text, A3 landscape, paginated with the names column and the month header on every
 * page; the PNG is the same drawing on one canvas at twice the point size.
 */
import { layoutSheets, A3_LANDSCAPE, type Prim, type Sheet, type SheetInput } from "./sheet";

const stamp = () => new Date().toISOString().slice(0, 10);

function download(href: string, filename: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

const FONT_STACK = "Helvetica, Arial, sans-serif";

/** The PNG: one sheet as tall as the rows, at 2 px per point (less when the canvas would be too big). */
export async function exportChartPng(input: SheetInput) {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d")!;
  const measure = (text: string, size: number, bold: boolean) => {
    context.font = `${bold ? "bold " : ""}${size}px ${FONT_STACK}`;
    return context.measureText(text).width;
  };
  const [sheet] = layoutSheets(input, { width: 0, height: 0, paged: false, measure });
  const ratio = Math.min(2, 16_000 / sheet.width, 30_000 / sheet.height, Math.sqrt(200_000_000 / (sheet.width * sheet.height)));
  canvas.width = Math.ceil(sheet.width * ratio);
  canvas.height = Math.ceil(sheet.height * ratio);
  context.scale(ratio, ratio);
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, sheet.width, sheet.height);
  paintCanvas(context, sheet);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) return;
  const url = URL.createObjectURL(blob);
  download(url, `traguardi-gantt-${stamp()}.png`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function paintCanvas(context: CanvasRenderingContext2D, sheet: Sheet) {
  for (const prim of sheet.prims) {
    context.setLineDash([]);
    switch (prim.kind) {
      case "rect":
        if (prim.fill) {
          context.fillStyle = prim.fill;
          context.fillRect(prim.x, prim.y, prim.w, prim.h);
        }
        if (prim.stroke) {
          context.strokeStyle = prim.stroke;
          context.lineWidth = prim.lineWidth ?? 0.5;
          context.setLineDash(prim.dash ?? []);
          context.strokeRect(prim.x, prim.y, prim.w, prim.h);
        }
        break;
      case "line":
        context.strokeStyle = prim.stroke;
        context.lineWidth = prim.lineWidth;
        context.setLineDash(prim.dash ?? []);
        context.beginPath();
        context.moveTo(prim.x1, prim.y1);
        context.lineTo(prim.x2, prim.y2);
        context.stroke();
        break;
      case "text":
        context.font = `${prim.bold ? "bold " : ""}${prim.size}px ${FONT_STACK}`;
        context.fillStyle = prim.color;
        context.textAlign = prim.align ?? "left";
        context.textBaseline = "alphabetic";
        context.fillText(prim.text, prim.x, prim.y);
        break;
      case "poly":
        context.beginPath();
        prim.points.forEach(([x, y], i) => (i === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
        context.closePath();
        context.fillStyle = prim.fill;
        context.fill();
        if (prim.stroke) {
          context.strokeStyle = prim.stroke;
          context.lineWidth = 0.6;
          context.stroke();
        }
        break;
    }
  }
}

/** The PDF: A3 landscape pages of vectors and text (jsPDF's Helvetica, WinAnsi: Italian letters and €). */
export async function exportChartPdf(input: SheetInput) {
  const { jsPDF } = await import("jspdf");
  const pdf = new jsPDF({ orientation: "landscape", unit: "pt", format: "a3", compress: true });
  pdf.setProperties({ title: input.title, subject: input.subtitle, creator: "Traguardi" });
  const measure = (text: string, size: number, bold: boolean) => {
    pdf.setFont("helvetica", bold ? "bold" : "normal");
    return pdf.getStringUnitWidth(text) * size;
  };
  const sheets = layoutSheets(input, { ...A3_LANDSCAPE, paged: true, measure });
  sheets.forEach((sheet, index) => {
    if (index > 0) pdf.addPage("a3", "landscape");
    for (const prim of sheet.prims) drawPdf(pdf, prim);
  });
  pdf.save(`traguardi-gantt-${stamp()}.pdf`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function drawPdf(pdf: any, prim: Prim) {
  pdf.setLineDashPattern([], 0);
  switch (prim.kind) {
    case "rect": {
      if (prim.fill) pdf.setFillColor(prim.fill);
      if (prim.stroke) {
        pdf.setDrawColor(prim.stroke);
        pdf.setLineWidth(prim.lineWidth ?? 0.5);
        pdf.setLineDashPattern(prim.dash ?? [], 0);
      }
      const style = prim.fill && prim.stroke ? "FD" : prim.fill ? "F" : "S";
      pdf.rect(prim.x, prim.y, prim.w, prim.h, style);
      break;
    }
    case "line":
      pdf.setDrawColor(prim.stroke);
      pdf.setLineWidth(prim.lineWidth);
      pdf.setLineDashPattern(prim.dash ?? [], 0);
      pdf.line(prim.x1, prim.y1, prim.x2, prim.y2);
      break;
    case "text":
      pdf.setFont("helvetica", prim.bold ? "bold" : "normal");
      pdf.setFontSize(prim.size);
      pdf.setTextColor(prim.color);
      pdf.text(prim.text, prim.x, prim.y, { align: prim.align ?? "left" });
      break;
    case "poly": {
      const [first, ...rest] = prim.points;
      const deltas: [number, number][] = [];
      let [px, py] = first;
      for (const [x, y] of rest) {
        deltas.push([x - px, y - py]);
        [px, py] = [x, y];
      }
      pdf.setFillColor(prim.fill);
      if (prim.stroke) {
        pdf.setDrawColor(prim.stroke);
        pdf.setLineWidth(0.6);
      }
      pdf.lines(deltas, first[0], first[1], [1, 1], prim.stroke ? "FD" : "F", true);
      break;
    }
  }
}
