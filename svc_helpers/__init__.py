"""Helpers for the workshop workbooks 《大后勤·新价值》.

Kept deliberately light: every Voila session imports this package, so nothing heavy
(pandas, matplotlib, ipywidgets) is imported here. Import the layer you need:
``svc_helpers.casedata``, ``svc_helpers.methods``, ``svc_helpers.charts``,
``svc_helpers.workbook``, ``svc_helpers.export``, ``svc_helpers.apps``.
"""

__version__ = "0.1.0"
