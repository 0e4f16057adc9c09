"""How the page modules are built: they call services, never repositories; they do not import each
other (shared helpers live in app/web/common.py); and a handler that catches a service's refusal to
show its form again rolls the transaction back first, so a refused step leaves nothing stored."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parent.parent / "app" / "web"
MODULES = sorted(WEB.glob("*.py"))
SHARED = {"common", "i18n", "labels", "due", "__init__"}  # helpers, not page routers


def _imports(tree: ast.AST) -> list[tuple[str, list[str]]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            out.append(("." * node.level + (node.module or ""), [a.name for a in node.names]))
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_page_modules_call_services_not_repositories(path):
    tree = ast.parse(path.read_text())
    bad = [(m, names) for m, names in _imports(tree) if m.endswith("repository") or "repository" in names]
    assert not bad, f"{path.name} imports a repository: {bad}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_page_modules_do_not_import_each_other(path):
    if path.stem == "routes":  # the one place that mounts every router
        return
    tree = ast.parse(path.read_text())
    routers = {p.stem for p in MODULES} - SHARED - {"routes"}
    bad = [(m, names) for m, names in _imports(tree)
           if (m.startswith(".") and not m.startswith("..") and m.lstrip(".") in routers)
           or (m == "." and set(names) & routers)]
    assert not bad, f"{path.name} imports another page module: {bad}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_caught_refusal_is_rolled_back_first(path):
    """``except AppError`` in a page handler: the first statement undoes what the service flushed
    (``refused(session)``), or the refusal is raised on."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if not isinstance(node, ast.ExceptHandler) or node.type is None:
            continue
        names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
        if "AppError" not in names:
            continue
        first = node.body[0]
        rolled_back = (isinstance(first, ast.Expr) and isinstance(first.value, ast.Call)
                       and getattr(first.value.func, "id", None) == "refused")
        assert rolled_back or isinstance(first, ast.Raise), f"{path.name}:{node.lineno} keeps what was flushed"
