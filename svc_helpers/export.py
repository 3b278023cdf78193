"""Exports the trainees' bosses can open: Excel workbooks and PNG pictures.

Files are written atomically (a temporary file in the same folder, then ``os.replace``),
so an interrupted export never leaves half a file. In Voila the browser cannot reach the
server's folders, so ``download_link`` embeds the bytes in a data-URI link.
"""
from __future__ import annotations

import base64
import html
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # keep import light; pandas and matplotlib load on first use
    import pandas as pd
    from matplotlib.figure import Figure

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG_MIME = "image/png"


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _sheet_name(name: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = re.sub(r"[\[\]:*?/\\]", "_", str(name)).strip("'") or "Sheet"
    candidate, n = base[:31], 2
    while candidate in used:
        suffix = f"_{n}"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def excel_bytes(sheets: Mapping[str, "pd.DataFrame"]) -> bytes:
    """An .xlsx file with one sheet per table, header row bold and frozen, columns sized."""
    import pandas as pd
    from openpyxl.styles import Font

    buffer, used = io.BytesIO(), set()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            sheet = _sheet_name(name, used)
            frame.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for column in ws.columns:
                # CJK characters are about twice as wide as Latin ones in Excel.
                width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(c.value or ""))
                            for c in column)
                ws.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    return buffer.getvalue()


def figure_png_bytes(fig: "Figure", dpi: int = 144, *, fast: bool = False) -> bytes:
    """Render a matplotlib Figure to PNG bytes (white background).

    ``fast=True`` is for the live picture in an app: it skips the second layout pass of
    ``bbox_inches="tight"`` (our figures use constrained layout already) and compresses
    lightly, which roughly halves the time of a redraw. Exports use the default.
    """
    buffer = io.BytesIO()
    if fast:
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white",
                    pil_kwargs={"compress_level": 1})
    else:
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="white")
    return buffer.getvalue()


def download_link(data: bytes, filename: str, label: str, mime: str) -> str:
    """HTML for a link that downloads ``data`` as ``filename`` (works in Voila)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a class="svc-download" download="{html.escape(filename)}" '
            f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>')


@dataclass(frozen=True)
class ExportedFile:
    """A file written by an export, with the bytes kept for a download link."""

    path: Path
    data: bytes
    mime: str

    def link(self, label: str | None = None) -> str:
        return download_link(self.data, self.path.name, label or f"下载 {self.path.name}", self.mime)


def export_artifact(directory: str | os.PathLike, stem: str,
                    sheets: Mapping[str, "pd.DataFrame"],
                    figures: Mapping[str, "Figure"]) -> list[ExportedFile]:
    """Write ``stem.xlsx`` and one ``stem_<name>.png`` per figure into ``directory``."""
    folder = Path(directory)
    files = [ExportedFile(atomic_write_bytes(folder / f"{stem}.xlsx", data := excel_bytes(sheets)),
                          data, XLSX_MIME)]
    for name, fig in figures.items():
        png = figure_png_bytes(fig)
        suffix = f"_{name}" if len(figures) > 1 else ""
        files.append(ExportedFile(atomic_write_bytes(folder / f"{stem}{suffix}.png", png), png,
                                  PNG_MIME))
    return files
