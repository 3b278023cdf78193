"""Voila command building (svc_helpers.server): the defaults that protect users."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from svc_helpers import server  # noqa: E402


@pytest.fixture
def nbdir(tmp_path: Path) -> Path:
    (tmp_path / "day1").mkdir()
    for rel in ("index.ipynb", "day1/d1m3_pricing_tiers.ipynb", "day1/d1m4_kano.ipynb"):
        (tmp_path / rel).write_text("{}", encoding="utf-8")
    return tmp_path


def _opt(args: list[str], name: str) -> list[str]:
    return [a.split("=", 1)[1] for a in args if a.startswith(f"--{name}=")]


def _plan(nbdir: Path, **kw):
    kw.setdefault("check_port", False)
    kw.setdefault("available_bytes", 16 * 1024**3)
    return server.plan_serve(notebooks_dir=nbdir, **kw)


def test_loopback_by_default(nbdir):
    args, url, _ = _plan(nbdir)
    assert _opt(args, "Voila.ip") == ["127.0.0.1"]
    assert _opt(args, "Voila.port_retries") == ["0"]
    assert url == "http://127.0.0.1:8866/voila/render/index.ipynb"
    assert "--no-browser" in args


def test_lan_only_when_asked_and_must_be_ours(nbdir):
    # 127.0.0.2 is bindable on Linux (whole 127/8 is local) -- use it as "our" address
    if sys.platform.startswith("linux"):
        args, url, _ = _plan(nbdir, lan="127.0.0.2")
        assert _opt(args, "Voila.ip") == ["127.0.0.2"]
        assert url.startswith("http://127.0.0.2:8866/")
    with pytest.raises(server.ServerError, match="不是本机的地址"):
        _plan(nbdir, lan="203.0.113.7")  # TEST-NET-3, never ours
    with pytest.raises(server.ServerError, match="0.0.0.0"):
        _plan(nbdir, lan="0.0.0.0")
    with pytest.raises(server.ServerError, match="不是有效的 IP"):
        _plan(nbdir, lan="my-laptop")


def test_tracebacks_hidden_sources_stripped_images_only(nbdir):
    args, _, _ = _plan(nbdir)
    assert _opt(args, "VoilaConfiguration.show_tracebacks") == ["False"]
    assert _opt(args, "VoilaConfiguration.strip_sources") == ["True"]
    allow = _opt(args, "VoilaConfiguration.file_allowlist")
    assert allow and all("png" in rx and "csv" not in rx and "ipynb" not in rx for rx in allow)
    assert _opt(args, "Voila.root_dir") == [str(nbdir)]
    assert _opt(args, "template") == ["svc-lab"]
    assert _opt(args, "VoilaExecutor.timeout") == ["60"]
    assert _opt(args, "MappingKernelManager.cull_connected") == ["False"]
    # closing a tab must free its kernel (voila's beacon has no xsrf cookie)
    assert _opt(args, "Voila.tornado_settings") == ['{"disable_check_xsrf": True}']


def test_pools_only_for_course_map_and_named_modules(nbdir):
    args, _, pools = _plan(nbdir, modules=["d1m3"], room=30)
    assert pools == {"index.ipynb": 9, "day1/d1m3_pricing_tiers.ipynb": 9}
    assert _opt(args, "VoilaConfiguration.preheat_kernel") == ["True"]
    assert _opt(args, "VoilaConfiguration.default_pool_size") == ["0"]
    (cfg,) = _opt(args, "VoilaKernelManager.kernel_pools_config")
    from traitlets import Dict

    parsed = Dict().from_string(cfg)
    assert parsed["default"] == {"pool_size": 0}
    assert "day1/d1m4_kano.ipynb" not in parsed
    assert parsed["day1/d1m3_pricing_tiers.ipynb"] == {"pool_size": 9}


def test_unknown_module_is_a_chinese_error(nbdir):
    with pytest.raises(server.ServerError, match="找不到模块"):
        _plan(nbdir, modules=["d9m9"])
    with pytest.raises(server.ServerError, match="格式不对"):
        _plan(nbdir, modules=["pricing"])


def test_pool_sizing_rule():
    gib = 1024**3
    assert server.pool_size(30, 16 * gib) == 9
    assert server.pool_size(1, 16 * gib) == 1
    assert server.pool_size(0, None) == 1
    # 2 GiB free -> 1 GiB budget -> 4 kernels of 250 MB over 2 pools -> 2 each
    assert server.pool_size(30, 2 * gib, n_pools=2) == 2
    assert server.pool_size(30, 100 * 1024**2) == 1  # never below 1


def test_busy_port_is_a_chinese_error(nbdir):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        with pytest.raises(server.ServerError, match="已被占用"):
            _plan(nbdir, port=port, check_port=True)
        with pytest.raises(server.ServerError, match="已被占用"):
            server.plan_slides(next(nbdir.glob("day1/*.ipynb")), port=port)
        # the CLI prints it in Chinese and exits 2
        assert server.main(["slides", str(nbdir / "index.ipynb"), "--port", str(port)]) == 2


def test_slides_command(nbdir):
    nb = nbdir / "day1" / "d1m3_pricing_tiers.ipynb"
    args, url = server.plan_slides(nb, port=8867, check_port=False)
    assert args[0] == str(nb.resolve())
    assert _opt(args, "template") == ["svc-reveal"]
    assert _opt(args, "Voila.ip") == ["127.0.0.1"]
    assert _opt(args, "VoilaConfiguration.show_tracebacks") == ["False"]
    assert url == "http://127.0.0.1:8867/"
    assert not _opt(args, "VoilaConfiguration.preheat_kernel")
    with pytest.raises(server.ServerError, match="找不到笔记本"):
        server.plan_slides(nbdir / "missing.ipynb", check_port=False)


def test_args_parse_with_voila(nbdir):
    """Every option is spelt as voila 0.5 expects (parsed by voila's own parser)."""
    voila_app = pytest.importorskip("voila.app")
    args, _, _ = _plan(nbdir, modules=["d1m3"])
    app = voila_app.Voila()
    app.parse_command_line(args)
    assert app.config.VoilaConfiguration.template == "svc-lab"
    assert app.config.Voila.ip == "127.0.0.1"
    assert app.config.Voila.port_retries == 0
    assert app.extra_args == [str(nbdir)]


def test_env_sets_workbook_dir_and_template_path(tmp_path):
    env = server.build_voila_env(tmp_path / "wb", base={"JUPYTER_PATH": "/x"})
    assert env["SVC_WORKBOOK_DIR"] == str((tmp_path / "wb").resolve())
    assert env["JUPYTER_PATH"].split(server.os.pathsep) == [str(server.TEMPLATES_DATA_DIR), "/x"]
    default = server.build_voila_env(base={})
    assert default["SVC_WORKBOOK_DIR"] == str(server.DEFAULT_WORKBOOK_DIR)
    for name in server.TEMPLATES:
        assert (server.TEMPLATES_DATA_DIR / "voila" / "templates" / name / "index.html.j2").is_file()


def test_templates_reference_no_cdn():
    root = server.TEMPLATES_DATA_DIR
    for path in root.rglob("*"):
        if path.suffix in (".j2", ".css", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for cdn in ("cdn.jsdelivr", "unpkg.com", "cdnjs", "fonts.googleapis"):
                assert cdn not in text, f"{path} references {cdn}"
