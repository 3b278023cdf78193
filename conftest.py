"""Settings every test (and every kernel the tests start) shares.

Set before any kernel starts, so nbval and papermill kernels inherit them:
``SVC_STRICT_GLYPHS`` turns matplotlib's "Glyph … missing" warning into an error, and
``SVC_WORKBOOK_DIR`` keeps test saves out of the project's ``workbooks/``.
"""
import os
import tempfile

os.environ["SVC_STRICT_GLYPHS"] = "1"
os.environ.setdefault("SVC_WORKBOOK_DIR", tempfile.mkdtemp(prefix="svc-test-workbooks-"))
os.environ.setdefault("MPLBACKEND", "Agg")
