"""GitLab Code Quality report (``artifacts: reports: codequality``).

GitLab reads a JSON array of issues, each with ``description``, ``check_name``, a unique
``fingerprint``, ``severity`` (``info``, ``minor``, ``major``, ``critical``, ``blocker``) and
``location.path`` (relative to the project) with ``location.lines.begin``; it shows them in the
merge request's Code Quality widget and on the changed lines.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from sakiplint.report.common import Lang, Results, labels, lang_of

#: sakiplint severity -> GitLab Code Quality severity
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def _relative(path: str, root: Path) -> str:
    """The path as GitLab wants it: relative to the project directory, with ``/``."""
    p = Path(path)
    if p.is_absolute():
        with contextlib.suppress(ValueError):
            p = p.relative_to(root)
    text = p.as_posix()
    return text[2:] if text.startswith("./") else text


def gitlab_issues(results: Results, lang: Lang, root: Path | None = None) -> list[dict[str, Any]]:
    """One Code Quality issue per finding. The fingerprint hashes the file, the rule, the
    flagged value and the message, not the line (so that an issue keeps its identity when
    lines above it move); the same finding twice in a file gets a running number."""
    base = root or Path(os.environ.get("CI_PROJECT_DIR") or Path.cwd())
    issues: list[dict[str, Any]] = []
    for _, path, fs in results:
        flang = lang_of(lang, path)
        rel = _relative(path, base)
        seen: dict[str, int] = {}
        for f in fs:
            msg = f.message(flang)
            expected = f.expected_text(flang)
            if expected is not None and expected not in msg:
                msg += f" ({labels(flang)['expected']}: {expected})"
            key = "\0".join((rel, f.rule, f.actual or "", f.message("id")))
            n = seen.get(key, 0)
            seen[key] = n + 1
            digest = hashlib.sha256(f"{key}\0{n}".encode()).hexdigest()[:32]
            issues.append({
                "type": "issue",
                "description": f"{f.rule} {msg}",
                "check_name": f"sakiplint/{f.rule}",
                "fingerprint": digest,
                "severity": GITLAB_SEVERITY[f.severity],
                "categories": [f.category],
                "location": {
                    "path": rel,
                    "lines": {"begin": f.line, "end": max(f.end_line, f.line)},
                },
            })
    return issues


def render_gitlab(results: Results, lang: Lang, root: Path | None = None) -> str:
    return json.dumps(gitlab_issues(results, lang, root), ensure_ascii=False, indent=2)
