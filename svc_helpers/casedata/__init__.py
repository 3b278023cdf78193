"""Typed, validated, cached loaders for the synthetic case tables in ``casedata/``.

>>> from svc_helpers.casedata import load_case
>>> case = load_case()
>>> case.work_orders.head()          # doctest: +SKIP

Every load checks the file against :data:`svc_helpers.casedata.schema.TABLES`
and raises one :class:`CaseDataError` with a Chinese message naming the file
and the column when something is wrong.  Pandas is imported lazily.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .schema import TABLES, Column, TableSpec

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["CaseDataError", "CaseData", "load_table", "load_case", "TABLES", "default_data_dir"]

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
TRUE_STRINGS = {"true", "1", "是", "yes"}
FALSE_STRINGS = {"false", "0", "否", "no"}


class CaseDataError(Exception):
    """案例数据文件缺失或不符合数据字典（消息为中文，指明文件与列）。"""


def default_data_dir() -> Path:
    """The bundled ``casedata/`` folder (``svc_helpers.paths.CASEDATA_DIR``)."""
    from svc_helpers.paths import CASEDATA_DIR

    return Path(CASEDATA_DIR)


_CACHE: dict[tuple[str, int, int], Any] = {}
_CACHE_LOCK = threading.Lock()


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _first_bad(mask: Any) -> int:
    """Position of the first True in a boolean array."""
    import numpy as np

    return int(np.flatnonzero(np.asarray(mask))[0])


def _line(pos: int) -> int:
    """File line number of data row ``pos`` (header is line 1, same as Excel's row number)."""
    return pos + 2


def _parse_column(raw: "pd.Series", col: Column, filename: str) -> "pd.Series":
    import numpy as np
    import pandas as pd

    s = raw.str.strip()
    empty = s.eq("")
    where = f"案例数据文件 {filename} 的列 {col.name}"
    if empty.any() and not col.nullable:
        pos = _first_bad(empty)
        raise CaseDataError(f"{where} 第 {_line(pos)} 行为空，但该列不允许空值（{col.meaning}）")

    if col.dtype == "str":
        out = s.where(~empty, None).astype(object)
    elif col.dtype in ("int", "float"):
        num = pd.to_numeric(s.where(~empty, None), errors="coerce")
        bad = num.isna() & ~empty
        if bad.any():
            pos = _first_bad(bad)
            kind = "整数" if col.dtype == "int" else "数值"
            raise CaseDataError(f"{where} 第 {_line(pos)} 行取值 {raw.iloc[pos]!r} 不是有效的{kind}")
        if col.dtype == "int":
            frac = num.notna() & (num.fillna(0) % 1 != 0)
            if frac.any():
                pos = _first_bad(frac)
                raise CaseDataError(f"{where} 第 {_line(pos)} 行取值 {raw.iloc[pos]!r} 不是整数")
            out = num.astype("Int64") if col.nullable else num.astype("int64")
        else:
            out = num.astype("float64")
    elif col.dtype in ("date", "datetime"):
        fmt = DATE_FORMAT if col.dtype == "date" else DATETIME_FORMAT
        out = pd.to_datetime(s.where(~empty, None), format=fmt, errors="coerce")
        bad = out.isna() & ~empty
        if bad.any():
            pos = _first_bad(bad)
            want = "YYYY-MM-DD" if col.dtype == "date" else "YYYY-MM-DD HH:MM"
            raise CaseDataError(f"{where} 第 {_line(pos)} 行取值 {raw.iloc[pos]!r} 不是有效的日期时间（应为 {want}）")
    elif col.dtype == "bool":
        low = s.str.lower()
        is_true = low.isin(TRUE_STRINGS)
        is_false = low.isin(FALSE_STRINGS)
        bad = ~(is_true | is_false | empty)
        if bad.any():
            pos = _first_bad(bad)
            raise CaseDataError(f"{where} 第 {_line(pos)} 行取值 {raw.iloc[pos]!r} 不是布尔值（应为 True/False）")
        if col.nullable:
            out = pd.Series(pd.array([True if t else (False if f else None) for t, f in zip(is_true, is_false)],
                                     dtype="boolean"), index=s.index)
        else:
            out = is_true.astype(bool)
    else:  # pragma: no cover - schema guards dtype
        raise CaseDataError(f"{where} 的类型 {col.dtype} 无法识别")

    if col.allowed is not None:
        allowed = list(col.allowed)
        bad = out.notna() & ~out.isin(allowed)
        if bad.any():
            pos = _first_bad(bad)
            shown = "/".join(_fmt(a) if isinstance(a, (int, float)) else str(a) for a in allowed)
            raise CaseDataError(f"{where} 第 {_line(pos)} 行取值 {raw.iloc[pos]!r} 不在允许范围 {shown} 内")
    if col.min is not None or col.max is not None:
        if col.dtype in ("int", "float"):
            vals = out.astype("float64")
            lo = -np.inf if col.min is None else col.min
            hi = np.inf if col.max is None else col.max
            bad = vals.notna() & ((vals < lo) | (vals > hi))
            if bad.any():
                pos = _first_bad(bad)
                rng = f"{'' if col.min is None else _fmt(col.min)}–{'' if col.max is None else _fmt(col.max)}"
                raise CaseDataError(f"{where} 第 {_line(pos)} 行取值 {raw.iloc[pos]!r} 超出取值范围 {rng}（{col.unit}）")
    return out


def _read(path: Path, spec: TableSpec) -> "pd.DataFrame":
    import pandas as pd

    filename = path.name
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CaseDataError(f"案例数据文件 {filename} 不是 UTF-8 编码，无法读取（用 Excel 保存时请选择“CSV UTF-8”格式）：{exc}") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, OSError) as exc:
        raise CaseDataError(f"案例数据文件 {filename} 无法按 CSV 读取：{exc}") from exc
    raw.columns = [str(c).lstrip("\ufeff").strip() for c in raw.columns]
    missing = [c.name for c in spec.columns if c.name not in raw.columns]
    if missing:
        raise CaseDataError(
            f"案例数据文件 {filename} 缺少列 {'、'.join(missing)}（{spec.column(missing[0]).meaning}）；"
            f"应有的列：{', '.join(spec.column_names)}"
        )
    data = {col.name: _parse_column(raw[col.name], col, filename) for col in spec.columns}
    extras = [c for c in raw.columns if c not in data]
    for c in extras:
        data[c] = raw[c]
    return pd.DataFrame(data, index=pd.RangeIndex(len(raw)))


def load_table(name: str, data_dir: str | os.PathLike | None = None) -> "pd.DataFrame":
    """Load one case table, validated against the schema.

    Parameters
    ----------
    name : str
        Table name, a key of :data:`TABLES` (e.g. ``"work_orders"``).
    data_dir : str or Path, optional
        Folder holding the CSV files; defaults to the bundled ``casedata/``.

    Returns
    -------
    pandas.DataFrame
        A fresh copy; dates/datetimes are ``datetime64``, integers ``int64``
        (``Int64`` when nullable), floats ``float64``.

    Raises
    ------
    CaseDataError
        File missing or unreadable, column missing, value unparsable, out of
        range, not allowed, or empty where it must not be.
    """
    if name not in TABLES:
        raise CaseDataError(f"没有名为 {name!r} 的案例数据表；可用的表：{', '.join(TABLES)}")
    spec = TABLES[name]
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    path = (folder / spec.filename).resolve()
    try:
        st = path.stat()
    except OSError:
        raise CaseDataError(f"找不到案例数据文件 {spec.filename}（在 {folder} 中）；"
                            f"可运行 python -m svc_helpers.casedata.generate 重新生成") from None
    key = (str(path), st.st_mtime_ns, st.st_size)
    with _CACHE_LOCK:
        df = _CACHE.get(key)
    if df is None:
        df = _read(path, spec)
        with _CACHE_LOCK:
            for k in [k for k in _CACHE if k[0] == key[0]]:
                del _CACHE[k]
            _CACHE[key] = df
    return df.copy()


def clear_cache() -> None:
    """Forget every cached table."""
    with _CACHE_LOCK:
        _CACHE.clear()


class CaseData:
    """All case tables, each loaded on first access (``case.work_orders``)."""

    def __init__(self, data_dir: str | os.PathLike | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()

    def __getattr__(self, name: str) -> "pd.DataFrame":
        if name.startswith("_") or name not in TABLES:
            raise AttributeError(name)
        return load_table(name, self.data_dir)

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(TABLES))

    def table(self, name: str) -> "pd.DataFrame":
        return load_table(name, self.data_dir)

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(TABLES)

    def __repr__(self) -> str:
        return f"CaseData({str(self.data_dir)!r}, tables={len(TABLES)})"


def load_case(data_dir: str | os.PathLike | None = None) -> CaseData:
    """Return an object with one lazily loaded attribute per case table."""
    return CaseData(data_dir)
