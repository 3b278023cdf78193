"""Exports: atomic files, Excel a boss can open, downloads that work in Voila."""
import base64
import os

import openpyxl
import pandas as pd
import pytest

from svc_helpers.export import atomic_write_bytes, download_link, excel_bytes, export_artifact


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a" / "价目表.xlsx"
    atomic_write_bytes(target, b"old")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert os.listdir(target.parent) == ["价目表.xlsx"]


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "x.png"
    atomic_write_bytes(target, b"old")

    def broken_replace(src, dst):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["x.png"]


def test_excel_sheets_are_named_safely_and_hold_the_tables(tmp_path):
    frames = {"价目表": pd.DataFrame({"档位": ["基础"], "价格（元/工单）": [668.0]}),
              "a/b:c*?[d]" * 4: pd.DataFrame({"x": [1]}),
              "价目表 ": pd.DataFrame({"y": [2]})}
    path = tmp_path / "out.xlsx"
    path.write_bytes(excel_bytes(frames))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "价目表"
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in book.sheetnames)
    assert book["价目表"]["B2"].value == 668.0 and book["价目表"].freeze_panes == "A2"


def test_download_link_carries_the_bytes():
    html = download_link(b"PK\x03\x04data", "物业一组.xlsx", "下载", "application/zip")
    assert 'download="物业一组.xlsx"' in html
    encoded = html.split("base64,")[1].split('"')[0]
    assert base64.b64decode(encoded) == b"PK\x03\x04data"


def test_export_artifact_writes_xlsx_and_one_png_per_figure(tmp_path):
    from svc_helpers.charts import new_figure

    figs = {}
    for name in ("a", "b"):
        figs[name] = new_figure(3, 2)
        figs[name].subplots().plot([1, 2])
    files = export_artifact(tmp_path, "团队_练习", {"表": pd.DataFrame({"x": [1]})}, figs)
    assert sorted(f.path.name for f in files) == ["团队_练习.xlsx", "团队_练习_a.png", "团队_练习_b.png"]
    assert all(f.path.read_bytes() == f.data for f in files)
