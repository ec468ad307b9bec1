"""The package's folders are its layers, and imports run one way:
cli -> report, checks -> engine -> facts -> read -> model.

Every ``import`` / ``from ... import`` of a sakiplint module (at any depth, deferred imports
inside functions and ``TYPE_CHECKING`` blocks included) is read with ``ast`` and its layer
pair looked up in the table of allowed pairs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "sakiplint"

#: layer -> the layers its modules may import (besides their own)
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "read": {"model", "base"},
    "facts": {"read", "model", "base"},
    "engine": {"facts", "read", "model", "base"},
    "checks": {"engine", "facts", "read", "model", "base"},
    "report": {"engine", "facts", "read", "model", "base"},
    "cli": {"report", "checks", "engine", "facts", "read", "model", "base"},
    "main": {"cli", "read", "base"},  # read: the process-level caches, before cli loads
    "base": set(),  # sakiplint/__init__.py: the version (and lazy re-exports, by name)
}
LAYERS = {"read", "facts", "engine", "checks", "report"}


def layer_of(module: str) -> str:
    """``sakiplint.read.cells`` -> ``read``; ``sakiplint.model`` -> ``model``."""
    parts = module.split(".")
    assert parts[0] == "sakiplint", module
    if len(parts) == 1:
        return "base"
    if parts[1] in LAYERS:
        return parts[1]
    if parts[1] == "__main__":
        return "main"
    if parts[1] in ("model", "cli"):
        return parts[1]
    raise AssertionError(f"{module}: not in a layer (src/sakiplint holds only the layers)")


def module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path, name: str, root: Path) -> list[tuple[int, str]]:
    """(line, module) of every sakiplint import in the file."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    out: list[tuple[int, str]] = []
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names
                    if a.name.split(".")[0] == "sakiplint"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.split(".")[0] != "sakiplint":
                continue
            if mod == "sakiplint":
                # ``from sakiplint import x``: x is a module (a layer) or a name of the base
                for a in node.names:
                    sub = f"sakiplint.{a.name}"
                    is_module = (root / a.name).exists() or (root / f"{a.name}.py").exists()
                    out.append((node.lineno, sub if is_module else "sakiplint"))
            else:
                out.append((node.lineno, mod))
    return out


def violations(root: Path = PKG) -> list[str]:
    bad = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        own = layer_of(name)
        for line, mod in imported(path, name, root):
            other = layer_of(mod)
            if other != own and other not in ALLOWED[own]:
                bad.append(f"{path.relative_to(root)}:{line}: {own} imports {other} ({mod})")
    return bad


def test_imports_follow_the_layers() -> None:
    assert violations() == []


def test_top_level_holds_only_the_layers() -> None:
    files = {p.name for p in PKG.iterdir() if p.suffix == ".py"}
    assert files == {"__init__.py", "__main__.py", "cli.py", "model.py"}
    dirs = {p.name for p in PKG.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert dirs == LAYERS


@pytest.mark.parametrize(
    ("where", "statement"),
    [
        ("model.py", "from sakiplint.read.prose import parse_prose"),
        ("read/cells.py", "from sakiplint.facts.identity import normalise"),
        ("facts/links.py", "from sakiplint.engine import Issue"),
        ("engine/lint.py", "from sakiplint.checks.common import short"),
        ("checks/common.py", "from sakiplint.report.text import render_text"),
        ("report/__init__.py", "from sakiplint.cli import main"),
        ("report/__init__.py", "from ..checks import common"),
    ],
)
def test_a_wrong_import_is_caught(tmp_path: Path, where: str, statement: str) -> None:
    """Copy the package, add one import against the direction: the check names it."""
    import shutil

    copy = tmp_path / "sakiplint"
    shutil.copytree(PKG, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / where
    target.write_text(target.read_text("utf-8") + f"\n\ndef _wrong() -> None:\n    {statement}\n")
    bad = violations(copy)
    assert len(bad) == 1 and where in bad[0], bad


def test_public_names_still_work() -> None:
    import sakiplint
    from sakiplint.engine import Context, Issue, Rule, Settings  # noqa: F401
    from sakiplint.engine.lint import lint_file, lint_text

    assert sakiplint.lint_text is lint_text and sakiplint.lint_file is lint_file
    with pytest.raises(AttributeError):
        _ = sakiplint.no_such_name  # type: ignore[attr-defined]
