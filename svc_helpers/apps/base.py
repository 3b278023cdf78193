"""The exercise-app pattern every module copies.

An exercise app is one class. It reads its controls into a plain ``state`` dict, asks
``methods`` to evaluate it (an artifact plus ``Finding``s), shows each finding beside its
field, draws the artifact with ``charts`` into image widgets, and offers 保存 (to the team
workbook, with history), 导出 (Excel + PNG, as downloads) and 历史版本 (load an earlier save).
When it opens, it restores the team's last save.

A subclass fills in seven small methods::

    build()          -> the controls (register each input with self.field(key, widget))
    default_state()  -> the starting state (a JSON-able dict)
    read_state()     -> state from the widgets
    apply_state(s)   -> widgets from a state
    evaluate(s)      -> (artifact or None, [Finding, ...])   (calls svc_helpers.methods)
    figures(a, only) -> {name: Figure}                       (calls svc_helpers.charts)
    tables(a)        -> {sheet name: DataFrame}              (what 导出 writes to Excel)

and may override ``summary_html(a)`` (a table under the charts), ``figure_keys(a)`` (redraw
only the figures whose inputs changed), ``after_refresh(state, a, findings)`` (update hints
and show/hide rows after each evaluation; ``evaluate`` itself stays free of widget changes)
and ``upgrade(payload)`` (read a save written by an older ``schema_version``).

Helpers for ``build``: ``field(key, *widgets)`` puts inputs in a row with their message
slot; ``tabs([(title, page, field_prefixes), ...])`` makes a ``Tab`` whose titles count the
open problems on each page (a message on a hidden page would otherwise go unseen);
``with self.batch():`` changes several widgets and re-evaluates once at the end.

``state`` is what the trainee typed (restored exactly, even when half-finished); the
artifact is the parsed, checked structure other exercises reuse.

Trainees never see a traceback: unexpected errors are logged to
``<workbook_dir>/logs/errors.log`` and a Chinese message is shown instead, and nothing
saved is changed.
"""
from __future__ import annotations

import html
import logging
import traceback
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, Iterator

import ipywidgets as W

from ..export import export_artifact, figure_png_bytes
from ..methods import Finding
from ..workbook import SavedVersion, Workbook, WorkbookError, team_slug

DEFAULT_TEAM = "示例团队"
LABEL_STYLE = {"description_width": "initial"}

HOUSE_CSS = """
<style>
.svc-app {font-family: "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",
          "PingFang SC",sans-serif; max-width: 1100px;}
.svc-app h3 {margin: 4px 0 2px 0; color: #1b3f66;}
.svc-hint {color: #5b6770; font-size: 13px;}
.svc-msg {font-size: 13px; line-height: 1.4; padding-left: 6px;}
.svc-msg-error {color: #b03a2e;}
.svc-msg-ok {color: #2e7d6b;}
.svc-status {font-size: 14px; padding: 4px 0;}
.svc-status-error {color: #b03a2e;}
.svc-status-ok {color: #2e7d6b;}
.svc-table {border-collapse: collapse; font-size: 13px; margin: 6px 0;}
.svc-table th {background: #eef3f8; color: #1b3f66; padding: 4px 8px; border: 1px solid #d5dee8;}
.svc-table td {padding: 4px 8px; border: 1px solid #e3e8ee; vertical-align: top;}
.svc-table td:first-child, .svc-table th {white-space: nowrap;}
.svc-table caption {caption-side: top; text-align: left; font-weight: bold; color: #1b3f66;}
.svc-app .lm-TabBar-tab {flex: 0 0 auto; max-width: none; min-width: 120px;}
.svc-download {display: inline-block; margin: 4px 12px 4px 0; padding: 3px 10px;
               border: 1px solid #3a7ab8; border-radius: 4px; text-decoration: none;}
</style>
"""

log = logging.getLogger("svc_helpers.apps")


def message_html(text: str, ok: bool = False) -> str:
    """The small message shown beside a field."""
    if not text:
        return ""
    css = "svc-msg-ok" if ok else "svc-msg-error"
    mark = "✓" if ok else "⚠"
    return f'<span class="svc-msg {css}">{mark} {html.escape(text)}</span>'


def table_html(frame, caption: str = "") -> str:
    """A DataFrame as a house-styled HTML table (numbers with thousands separators)."""
    head = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    cols = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for value in row:
            if isinstance(value, float):
                text = f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
            elif isinstance(value, int) and not isinstance(value, bool):
                text = f"{value:,}"
            else:
                text = str(value)
            cells.append(f"<td>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="svc-table">{head}<tr>{cols}</tr>{"".join(rows)}</table>'


class ExerciseApp:
    """Base class of the exercise apps (see module docstring)."""

    module: ClassVar[str] = ""            # the course module, e.g. "d1m3" (svc_helpers.course)
    exercise_id: ClassVar[str] = ""       # derived: the module's notebook stem, the save key
    title: ClassVar[str] = ""             # derived: "练习：" + the module's exercise
    schema_version: ClassVar[int] = 1
    chart_width: ClassVar[str] = "760px"   # CSS max-width of each chart image

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Take the exercise's id and title from the course map (one source of truth)."""
        super().__init_subclass__(**kwargs)
        if cls.module:
            from ..course import module as course_module

            found = course_module(cls.module)
            cls.exercise_id = found.stem
            cls.title = f"练习：{found.exercise}"

    def __init__(self, case: Any, workbook: Workbook, *, team_message: str = "") -> None:
        self.case = case
        self.workbook = workbook
        self.result: dict | None = None      # last valid artifact (what 保存 stores)
        self.draft: dict | None = None       # artifact of the current input, valid or not
        self.findings: list[Finding] = []
        self._messages: dict[str, W.HTML] = {}
        self._images: dict[str, W.Image] = {}
        self._png_cache: dict[str, tuple] = {}   # figure name -> (key, PNG bytes)
        self._applying = False
        self._tab: W.Tab | None = None
        self._tab_pages: list[tuple[str, tuple[str, ...]]] = []

        self.team_input = W.Text(value=workbook.team, description="团队名称",
                                 style=LABEL_STYLE, continuous_update=False,
                                 layout=W.Layout(width="260px"))
        self.team_button = W.Button(description="切换团队", layout=W.Layout(width="90px"))
        self.team_message = W.HTML(message_html(team_message))
        self.general = W.HTML()
        self.chart_box = W.VBox()
        self.summary = W.HTML()
        self.note_input = W.Text(placeholder="保存说明（可选），如：第二轮讨论后", description="",
                                 layout=W.Layout(width="260px"))
        self.save_button = W.Button(description="保存", button_style="primary",
                                    tooltip="保存到本团队的工作簿（保留历史版本）")
        self.export_button = W.Button(description="导出 Excel + PNG",
                                      layout=W.Layout(width="150px"))
        self.history_picker = W.Dropdown(description="历史版本", style=LABEL_STYLE,
                                         layout=W.Layout(width="330px"))
        self.load_button = W.Button(description="载入此版本", layout=W.Layout(width="100px"))
        self.status = W.HTML()
        self.downloads = W.HTML()

        self.team_button.on_click(lambda _: self.switch_team(self.team_input.value))
        self.save_button.on_click(lambda _: self.save())
        self.export_button.on_click(lambda _: self.export())
        self.load_button.on_click(lambda _: self.load_version(self.history_picker.value))

        body: W.Widget = W.HTML()
        with self._guard("搭建练习"):
            body = self.build()
        self.view = W.VBox([
            W.HTML(HOUSE_CSS + f"<h3>{html.escape(self.title)}</h3>"),
            W.HBox([self.team_input, self.team_button, self.team_message]),
            body,
            self.general,
            self.chart_box,
            self.summary,
            W.HBox([self.note_input, self.save_button, self.export_button]),
            W.HBox([self.history_picker, self.load_button]),
            self.status,
            self.downloads,
        ], layout=W.Layout(width="100%"))
        self.view.add_class("svc-app")
        for widget, css in ((self.save_button, "svc-save"), (self.export_button, "svc-export"),
                            (self.status, "svc-status-line"), (self.downloads, "svc-downloads"),
                            (self.team_input, "svc-team"), (self.history_picker, "svc-history"),
                            (self.load_button, "svc-load"), (self.general, "svc-general")):
            widget.add_class(css)
        self._open_saved_or_default()

    # -- construction helpers -----------------------------------------------------
    @classmethod
    def open(cls, team: str = DEFAULT_TEAM, workbook_dir: str | Path | None = None,
             data_dir: str | Path | None = None) -> "ExerciseApp":
        """Build the app for ``team`` on the bundled case data (what a notebook calls)."""
        from ..casedata import load_case

        try:
            workbook, note = Workbook(team, workbook_dir), ""
        except WorkbookError as exc:
            workbook, note = Workbook(DEFAULT_TEAM, workbook_dir), f"{exc} 已暂用“{DEFAULT_TEAM}”。"
        return cls(load_case(data_dir), workbook, team_message=note)

    def field(self, key: str, *widgets: W.Widget, watch: bool = True) -> W.HBox:
        """Register inputs under ``key``: one row with the inputs and their message slot."""
        message = self.message_slot(key)
        for widget in widgets:
            widget.add_class(f"svc-field-{key.replace('.', '-')}")
            if watch:
                self.watch(widget)
        return W.HBox([*widgets, message], layout=W.Layout(align_items="center"))

    def tabs(self, pages: list[tuple[str, W.Widget, tuple[str, ...]]]) -> W.Tab:
        """A Tab of ``(title, page, field_prefixes)``; titles show each page's open problems.

        A finding belongs to the page whose prefixes include the part of its field before
        the first ``.`` (``"risk.R03"`` -> ``"risk"``); anything else counts on the first page.
        """
        self._tab_pages = [(title, tuple(prefixes)) for title, _, prefixes in pages]
        self._tab = W.Tab(children=[page for _, page, _ in pages],
                          titles=[title for title, _, _ in pages])
        return self._tab

    @property
    def tab(self) -> W.Tab | None:
        """The Tab made by ``tabs()``, if the app has one."""
        return self._tab

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Change several widgets, then re-evaluate once (not after every change)."""
        outer = not self._applying
        self._applying = True
        try:
            yield
        finally:
            if outer:
                self._applying = False
                self.refresh()

    def message_slot(self, key: str) -> W.HTML:
        """The message widget for ``key`` (for layouts that place it themselves)."""
        if key not in self._messages:
            self._messages[key] = W.HTML()
            self._messages[key].add_class(f"svc-msg-{key.replace('.', '-')}")
        return self._messages[key]

    def watch(self, *widgets: W.Widget) -> None:
        """Re-evaluate whenever one of ``widgets`` changes value."""
        for widget in widgets:
            widget.observe(self.refresh, names="value")

    # -- what subclasses provide ------------------------------------------------------
    def build(self) -> W.Widget:
        raise NotImplementedError

    def default_state(self) -> dict:
        raise NotImplementedError

    def read_state(self) -> dict:
        raise NotImplementedError

    def apply_state(self, state: dict) -> None:
        raise NotImplementedError

    def evaluate(self, state: dict) -> tuple[dict | None, list[Finding]]:
        raise NotImplementedError

    def figures(self, artifact: dict, only: set[str] | None = None) -> dict:
        """``{name: Figure}``; with ``only``, just the named figures (the stale ones)."""
        return {}

    def figure_keys(self, artifact: dict) -> dict | None:
        """``{name: key}``: what each figure depends on. A figure whose key did not change
        since the last draw is not redrawn (typing a comment should not redraw a chart).
        ``None`` (the default) redraws every figure on every change."""
        return None

    def tables(self, artifact: dict) -> dict:
        return {}

    def summary_html(self, artifact: dict) -> str:
        return ""

    def after_refresh(self, state: dict, artifact: dict | None, findings: list[Finding]) -> None:
        """Update hints, row visibility and the like after each evaluation (default: nothing)."""

    def upgrade(self, payload: dict) -> dict:
        """The state stored in ``payload``; override to read older schema versions."""
        version = payload.get("schema_version")
        if version != self.schema_version:
            raise ValueError(f"无法读取版本 {version} 的保存内容")
        return payload["state"]

    # -- the loop -----------------------------------------------------------------
    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        """Show a Chinese message instead of a traceback; log the details."""
        try:
            yield
        except WorkbookError as exc:
            self._set_status(str(exc), ok=False)
        except Exception:  # noqa: BLE001 - trainees must never see a traceback
            self._log_error(action)
            self._set_status(f"{action}时遇到意外问题，已记录日志；您已保存的内容没有改变。"
                             "请截图告知讲师。", ok=False)

    def _log_error(self, action: str) -> None:
        text = traceback.format_exc()
        log.error("%s failed in %s:\n%s", action, self.exercise_id, text)
        try:
            folder = self.workbook.directory / "logs"
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "errors.log", "a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.now().isoformat(timespec='seconds')} "
                             f"{self.exercise_id} {self.workbook.slug} {action}\n{text}\n")
        except OSError:
            pass

    def _set_status(self, text: str, ok: bool = True) -> None:
        css = "svc-status-ok" if ok else "svc-status-error"
        self.status.value = f'<div class="svc-status {css}">{html.escape(text)}</div>'

    def refresh(self, *_: Any) -> None:
        """Read the controls, evaluate, show messages, redraw."""
        if self._applying:
            return
        with self._guard("更新结果"):
            state = self.read_state()
            artifact, findings = self.evaluate(state)
            self.findings, self.draft = findings, artifact
            # buttons first: the browser must never show a message beside an enabled 保存
            self.save_button.disabled = self.export_button.disabled = bool(findings)
            self._show_findings(findings)
            if findings:
                self._set_status(f"有 {len(findings)} 处需要修改（见红色提示），修改后才能保存；"
                                 "已保存的内容不受影响。", ok=False)
            else:
                self.result = artifact
                self._set_status("✓ 检查通过，可以保存或导出。")
            self.after_refresh(state, artifact, findings)
            if artifact is not None:
                self._draw(artifact)

    def _show_findings(self, findings: list[Finding]) -> None:
        by_field: dict[str, list[str]] = {}
        for finding in findings:
            key = finding.field if finding.field in self._messages else ""
            by_field.setdefault(key, []).append(finding.message)
        for key, widget in self._messages.items():
            widget.value = message_html("；".join(by_field.get(key, [])))
        general = by_field.get("", [])
        self.general.value = "".join(f"<div>{message_html(m)}</div>" for m in general)
        if self._tab is not None:
            counts = [0] * len(self._tab_pages)
            for finding in findings:
                head = finding.field.split(".")[0]
                page = next((i for i, (_, prefixes) in enumerate(self._tab_pages) if head in prefixes), 0)
                counts[page] += 1
            self._tab.titles = [title + (f"（⚠ {n}）" if n else "")
                                for (title, _), n in zip(self._tab_pages, counts)]

    def _draw(self, artifact: dict) -> None:
        """Show the artifact's figures, redrawing only those whose inputs changed."""
        keys = self.figure_keys(artifact)
        stale = None if keys is None else {n for n, k in keys.items()
                                           if self._png_cache.get(n, (None,))[0] != k}
        if stale is None or stale:
            for name, fig in self.figures(artifact, only=stale).items():
                key = None if keys is None else keys[name]
                self._png_cache[name] = (key, figure_png_bytes(fig, dpi=96, fast=True))
        names = list(keys) if keys is not None else list(self._png_cache)
        for name in names:
            image = self._images.get(name)
            if image is None:
                image = self._images[name] = W.Image(format="png",
                                                     layout=W.Layout(max_width=self.chart_width))
                image.add_class(f"svc-chart-{name}")
            png = self._png_cache[name][1]
            if image.value != png:
                image.value = png
        self.chart_box.children = tuple(self._images[n] for n in names)
        self.summary.value = self.summary_html(artifact)

    def _apply(self, state: dict) -> None:
        self._applying = True
        try:
            self.apply_state(state)
        finally:
            self._applying = False
        self.refresh()

    # -- save / restore / export -----------------------------------------------------
    def payload(self) -> dict:
        """What 保存 writes: the inputs (to restore) and the artifact (to reuse)."""
        return {"schema_version": self.schema_version, "exercise": self.exercise_id,
                "team": self.workbook.team, "state": self.read_state(), "artifact": self.result}

    def save(self) -> SavedVersion | None:
        """Save the current, valid state as a new version in the team workbook."""
        with self._guard("保存"):
            self.refresh()
            if self.findings or self.result is None:
                self._set_status("还有需要修改的地方，未保存；已保存的内容不受影响。", ok=False)
                return None
            saved = self.workbook.save(self.exercise_id, self.payload(),
                                       note=self.note_input.value.strip()[:60])
            self.note_input.value = ""
            self._refresh_history()
            self._set_status(f"✓ 已保存为{saved.label}（团队：{self.workbook.team}）。")
            return saved
        return None

    def export(self) -> list[Path]:
        """Write the artifact to Excel and PNG; offer both as downloads."""
        with self._guard("导出"):
            self.refresh()
            if self.findings or self.result is None:
                self._set_status("请先修改红色提示的问题，再导出。", ok=False)
                return []
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            stem = f"{self.workbook.slug}_{self.exercise_id}_{stamp}"
            import pandas as pd

            about = pd.DataFrame({"项目": ["练习", "团队", "导出时间"],
                                  "内容": [self.title, self.workbook.team,
                                         datetime.now().strftime("%Y-%m-%d %H:%M")]})
            sheets = {"说明": about, **self.tables(self.result)}
            files = export_artifact(self.workbook.export_dir, stem, sheets,
                                    self.figures(self.result))
            self.downloads.value = "".join(f.link() for f in files)
            self._set_status(f"✓ 已导出 {len(files)} 个文件，点击下方链接下载"
                             f"（副本保存在 {self.workbook.export_dir}）。")
            return [f.path for f in files]
        return []

    def load_version(self, version_id: int | None) -> None:
        """Put an earlier saved version into the controls (保存 makes it the newest)."""
        if version_id is None:
            self._set_status("还没有保存过的版本。", ok=False)
            return
        with self._guard("载入历史版本"):
            saved = self.workbook.get(version_id)
            self._apply(self.upgrade(saved.payload))
            self._set_status(f"已载入{saved.label}；点击“保存”使它成为最新版本。")

    def switch_team(self, team: str) -> None:
        """Open another team's workbook (restoring its last save)."""
        try:
            slug = team_slug(team)
        except WorkbookError as exc:
            self.team_message.value = message_html(str(exc))
            return
        self.team_message.value = message_html(f"已切换到团队“{team.strip()}”", ok=True) \
            if slug != self.workbook.slug else ""
        with self._guard("切换团队"):
            self.workbook = Workbook(team, self.workbook.directory)
            self.downloads.value = ""
            self._open_saved_or_default()

    def _refresh_history(self) -> None:
        versions = self.workbook.history(self.exercise_id)
        self.history_picker.options = [(v.label, v.version_id) for v in versions]
        self.history_picker.value = versions[0].version_id if versions else None
        self.load_button.disabled = not versions

    def _open_saved_or_default(self) -> None:
        with self._guard("打开已保存的内容"):
            latest = self.workbook.latest(self.exercise_id)
            self._refresh_history()
            if latest is None:
                self._apply(self.default_state())
                return
            try:
                state = self.upgrade(latest.payload)
            except Exception:  # an unreadable save must not block the exercise
                self._log_error("读取已保存的内容")
                self._apply(self.default_state())
                self._set_status(f"{latest.label} 无法读取，已显示默认内容；原保存未被改动。", ok=False)
                return
            self._apply(state)
            if not self.findings:
                self._set_status(f"✓ 已恢复本团队上次保存的内容（{latest.label}）。")
