"""Layer rule: only `cxmaturity/ui/` imports Streamlit.

The domain must stay testable without a browser and usable from the CLI and the PDF
builder; the UI lives in one place.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cxmaturity"
UI = PACKAGE / "ui"


def streamlit_imports(source: str) -> list[int]:
    """Line numbers of every `import streamlit…` / `from streamlit… import …`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "streamlit" or name.startswith("streamlit.") for name in names):
            lines.append(node.lineno)
    return lines


def test_the_detector_sees_every_import_form() -> None:
    source = "import os\nimport streamlit as st\nfrom streamlit.testing.v1 import AppTest\n"
    assert streamlit_imports(source) == [2, 3]
    assert streamlit_imports("import streamlit_extras\nfrom . import streamlit\n") == []


def test_only_the_ui_package_imports_streamlit() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if UI not in path.parents
        for line in streamlit_imports(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], f"streamlit imported outside cxmaturity/ui/: {offenders}"


def test_app_py_only_routes() -> None:
    """app.py holds page config and st.navigation; pages live in cxmaturity/ui/."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    definitions = [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    assert definitions == []
    assert "st.navigation" in (ROOT / "app.py").read_text(encoding="utf-8")


def imported_modules(source: str) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


#: The workshop rules know no database: persistence is the store's, behind the port.
DATABASE_CODE = ("sqlalchemy", "alembic", "psycopg", "sqlite3", "cxmaturity.store")


def test_the_workshop_rules_hold_no_database_code() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m
            for m in imported_modules(path.read_text(encoding="utf-8"))
            if m.split(".")[0] in DATABASE_CODE or m.startswith(DATABASE_CODE)
        )
        for path in sorted((PACKAGE / "workshops").rglob("*.py"))
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_the_store_holds_no_workshop_rule() -> None:
    """store/ persists: it may read the domain's records and constants, never decide. It
    imports no service, gate, access or lifecycle decision from the workshops package."""
    deciding = {"facilitation", "participation", "archives", "access", "join_gate", "service"}
    offenders = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((PACKAGE / "store").rglob("*.py"))
        for module in imported_modules(path.read_text(encoding="utf-8"))
        if module.startswith("cxmaturity.workshops.")
        and module.rsplit(".", 1)[1] in deciding
        and path.name != "factory.py"  # it wires the service onto a store: that is its job
    ]
    assert offenders == []
