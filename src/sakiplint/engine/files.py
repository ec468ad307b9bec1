"""Which files a run lints: the paths given, directories walked, exclusions, ``.gitignore``.

As in ruff: a file named on the command line is always linted; a directory is walked
(iteratively: any depth, symlinked directories not followed, hidden entries skipped) for
``.md`` / ``.markdown`` / ``.txt`` files, leaving out what ``exclude`` / ``extend-exclude``
name (default: :data:`DEFAULT_EXCLUDE`) and what the ``.gitignore`` files of the walked
directories and of their parents up to the repository root ignore. Of the files found in a
directory only those that look like a report are linted (:func:`looks_like_report`), so that
a README or CHANGELOG beside the reports is not.

Exclusion patterns are globs: one without ``/`` matches the name of a file or directory at any
depth (``draft``, ``*-lama.md``); one with ``/`` matches the path relative to the directory of
the configuration file that names it (the working directory for the command line:
``laporan/2019``, ``arsip/**/*.txt``). ``.gitignore`` patterns follow git's rules (``!``
re-includes, a trailing ``/`` matches directories only, a leading or inner ``/`` anchors).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import translate
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from sakiplint.engine.words import Lazy

#: the directories and files ruff leaves out by default (and ``__pycache__``)
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
    ".mypy_cache", ".nox", ".pants.d", ".pyenv", ".pytest_cache", ".pytype", ".ruff_cache",
    ".svn", ".tox", ".venv", ".vscode", "__pycache__", "__pypackages__", "_build", "buck-out",
    "build", "dist", "node_modules", "site-packages", "venv",
)
#: the suffixes of report files (Word and PDF reports are read by ``read.load``)
SUFFIXES: tuple[str, ...] = (".md", ".markdown", ".txt", ".docx", ".pdf")
#: suffixes whose content is not sniffed (binary): taken unless a project file
BINARY_SUFFIXES: tuple[str, ...] = (".docx", ".pdf")
#: names of project files that are never reports when found in a directory
PROJECT_FILES = frozenset({
    "readme", "changelog", "changes", "history", "news", "contributing", "license", "licence",
    "copying", "authors", "contributors", "code_of_conduct", "security", "support", "notice",
    "todo", "maintainers", "governance", "codeowners", "citation", "requirements",
})
#: how much of a file is read to tell whether it looks like a report
SNIFF_BYTES = 256 * 1024


# --------------------------------------------------------------------------- glob patterns

@cache
def _segment_regex(segment: str) -> re.Pattern[str]:
    """One path segment of a glob (``*``, ``?``, ``[...]``, ``[!...]`` / ``[^...]``, ``\\x``
    escapes) as a regex. ``fnmatch.translate`` makes each star an atomic group, so that
    matching never backtracks exponentially ("*a*a*a*b" against "aaaa...")."""
    out: list[str] = []
    i = 0
    while i < len(segment):
        ch = segment[i]
        if ch == "\\" and i + 1 < len(segment):
            nxt = segment[i + 1]
            out.append(f"[{nxt}]" if nxt in "*?[" else nxt)
            i += 2
            continue
        if segment.startswith("[^", i):
            out.append("[!")
            i += 2
            continue
        out.append(ch)
        i += 1
    return re.compile(translate("".join(out)))


def _match_segments(pattern: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """Whether path segments ``names`` match glob segments ``pattern`` (``**`` = any number of
    segments). Dynamic programming over (pattern, name) positions: O(len(pattern) x
    len(names)) segment matches, no backtracking."""
    n = len(names)
    reach = [False] * (n + 1)  # reach[j]: pattern[:i] matches names[:j]
    reach[0] = True
    for seg in pattern:
        if seg == "**":
            seen = False
            for j in range(n + 1):
                seen = seen or reach[j]
                reach[j] = seen
            continue
        rx = _segment_regex(seg)
        nxt = [False] * (n + 1)
        for j in range(n):
            if reach[j] and rx.fullmatch(names[j]):
                nxt[j + 1] = True
        reach = nxt
        if not any(reach):
            return False
    return reach[n]


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled glob: ``anchored`` ones match the whole path relative to ``base``, the
    others the last segment (a name)."""

    text: str
    segments: tuple[str, ...]
    anchored: bool
    dir_only: bool = False
    negate: bool = False

    def matches(self, rel: tuple[str, ...], is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        if not rel:
            return False
        if not self.anchored:
            return _match_segments(self.segments, rel[-1:])
        return _match_segments(self.segments, rel)


def compile_exclude(text: str) -> Pattern:
    """An ``exclude`` pattern (ruff's semantics, see the module docstring)."""
    t = text.strip().replace("\\", "/") if os.sep == "\\" else text.strip()
    dir_only = t.endswith("/")
    t = t.rstrip("/")
    anchored = "/" in t
    segments = tuple(s for s in t.split("/") if s and s != ".")
    return Pattern(text, segments or ("",), anchored, dir_only)


def compile_gitignore_line(line: str) -> Pattern | None:
    """One line of a ``.gitignore`` (None for blank lines and comments)."""
    t = line.rstrip("\n\r")
    # trailing spaces are ignored unless escaped
    stripped = t.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(t):
        stripped += " "
    t = stripped
    if not t or t.startswith("#"):
        return None
    negate = t.startswith("!")
    if negate or t.startswith(("\\!", "\\#")):
        t = t[1:]
    dir_only = t.endswith("/") and not t.endswith("\\/")
    t = t.rstrip("/") if dir_only else t
    if not t:
        return None
    anchored = "/" in t
    segments = tuple(s for s in t.lstrip("/").split("/") if s)
    if not segments:
        return None
    return Pattern(line, segments, anchored, dir_only, negate)


@dataclass(frozen=True, slots=True)
class IgnoreFile:
    """The patterns of one ``.gitignore`` and the directory they are relative to."""

    base: Path
    patterns: tuple[Pattern, ...]

    def decide(self, path: Path, is_dir: bool) -> bool | None:
        """True: ignored, False: re-included, None: no pattern of this file matches."""
        try:
            rel = path.relative_to(self.base).parts
        except ValueError:
            return None
        verdict: bool | None = None
        for p in self.patterns:
            if p.matches(rel, is_dir):
                verdict = not p.negate
        return verdict


def read_gitignore(directory: Path) -> IgnoreFile | None:
    """The ``.gitignore`` of a directory (None when there is none or it cannot be read:
    an unreadable ``.gitignore`` only means nothing is ignored by it)."""
    try:
        text = (directory / ".gitignore").read_text("utf-8", errors="replace")
    except OSError:
        return None
    patterns = tuple(p for p in map(compile_gitignore_line, text.splitlines()) if p)
    return IgnoreFile(directory, patterns) if patterns else None


def repository_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` that holds a ``.git``."""
    for d in (start, *start.parents):
        if (d / ".git").exists():
            return d
    return None


# --------------------------------------------------------------------------- settings

@dataclass(frozen=True, slots=True)
class FileSettings:
    """What decides which files of a directory are linted (one per configuration)."""

    exclude: tuple[tuple[Path, Pattern], ...] = ()   # (base directory, pattern)
    respect_gitignore: bool = True
    #: the patterns that are plain names ("node_modules"), looked up without matching
    names: dict[str, str] = field(default_factory=dict)

    def excluded(self, path: Path, is_dir: bool) -> str | None:
        """The pattern that excludes ``path`` (absolute), if any."""
        hit = self.names.get(path.name)
        if hit is not None:
            return hit
        for base, p in self.exclude:
            if p.anchored:
                try:
                    rel = path.relative_to(base).parts
                except ValueError:
                    continue
            else:
                rel = (path.name,)
            if p.matches(rel, is_dir):
                return p.text
        return None


_GLOB_CHARS = frozenset("*?[\\")


def file_settings(
    exclude: Iterable[tuple[Path, str]], respect_gitignore: bool = True
) -> FileSettings:
    out = []
    names: dict[str, str] = {}
    for base, t in exclude:
        if not t.strip():
            continue
        p = compile_exclude(t)
        if not p.anchored and not p.dir_only and not _GLOB_CHARS & set(p.segments[0]):
            names.setdefault(p.segments[0], p.text)
            continue
        # an absolute pattern is relative to the root; a relative one to its base, absolute
        root = Path(t.strip()).anchor
        out.append((Path(root) if root else base.absolute(), p))
    return FileSettings(tuple(out), respect_gitignore, names)


def default_settings() -> FileSettings:
    """The default exclusions (unanchored: their base directory does not matter)."""
    return file_settings((Path("."), p) for p in DEFAULT_EXCLUDE)


# --------------------------------------------------------------------------- report sniffing

_REPORT_NAME = Lazy(r"lkj|lakip|sakip|laporan|kinerja|lppd|renstra|renja", re.I)
_REPORT_WORDS = Lazy(
    r"laporan\s+(?:akuntabilitas\s+)?kinerja|\blkjip\b|\blkj\b|\blakip\b|\bsakip\b"
    r"|akuntabilitas\s+kinerja|perjanjian\s+kinerja|rencana\s+strategis|\brenstra\b",
    re.I,
)
# a table caption as reports write them: "Tabel 3.1 ...", "**Tabel 2.4**", "## Tabel III.2"
_CAPTION = Lazy(r"^[#>*_\s]{0,8}tabel\s+[0-9IVXivx]+(?:\.[0-9]+)*\b", re.I | re.M)
# a word of a table header naming what reports measure
_HEADER_WORD = Lazy(r"\b(?:target|realisasi|capaian|anggaran|pagu)\b", re.I)


def project_file(path: Path) -> bool:
    """README.md, CHANGELOG.md, LICENSE.txt ...: a project's own files, not reports."""
    stem = path.name.split(".", 1)[0].lower().replace("-", "_")
    return stem in PROJECT_FILES


def looks_like_report(path: Path) -> bool:
    """Whether a file found in a directory is linted: not a project file (README, CHANGELOG,
    LICENSE ...), and either its name says report (LKjIP, LKj, LAKIP, SAKIP, laporan,
    kinerja, ...) or its beginning does: it names a Laporan (Akuntabilitas) Kinerja, LKjIP,
    LAKIP, Perjanjian Kinerja or Renstra, has a "Tabel N.N" caption, or a table header with
    target, realisasi, capaian, anggaran or pagu. A file that cannot be read is kept (linting
    it says why it cannot be read)."""
    if project_file(path):
        return False
    if _REPORT_NAME.search(path.name) or path.name.lower().endswith(BINARY_SUFFIXES):
        return True
    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    if _REPORT_WORDS.search(text) or _CAPTION.search(text):
        return True
    return any(("\t" in line or "|" in line) and _HEADER_WORD.search(line)
               for line in text.splitlines())


# --------------------------------------------------------------------------- discovery

class Scopes(Protocol):
    """Which configuration applies in each walked folder (``engine.config.Resolver``): a
    folder's scope is its own configuration file's when it has one (``names``: the names in
    the folder), else its parent's. Scopes are opaque here."""

    def scope_top(self, directory: Path) -> Any: ...

    def scope_child(self, directory: Path, parent: Any, names: frozenset[str]) -> Any: ...

    def scope_files(self, scope: Any) -> FileSettings: ...


class DefaultScopes:
    """No configuration: the default exclusions everywhere."""

    def __init__(self) -> None:
        self.settings = default_settings()

    def scope_top(self, directory: Path) -> Any:
        return None

    def scope_child(self, directory: Path, parent: Any, names: frozenset[str]) -> Any:
        return None

    def scope_files(self, scope: Any) -> FileSettings:
        return self.settings


#: the scope of a file named on the command line (its configuration is looked up)
NAMED: Any = type("Named", (), {"__repr__": lambda self: "NAMED"})()


@dataclass(slots=True)
class Discovered:
    """The files to lint, in order, with the scope each was found in (:data:`NAMED` for a
    file named), and what could not be walked or was left out."""

    files: list[Path] = field(default_factory=list)
    scopes: list[Any] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)          # one line each
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (path, why): --verbose


def _is_candidate(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def _parent_ignores(directory: Path) -> list[IgnoreFile]:
    """The ``.gitignore`` files above ``directory`` up to its repository root (outermost
    first); none when it is in no repository."""
    root = repository_root(directory)
    if root is None or root == directory:
        return []
    chain = [d for d in directory.parents if d == root or root in d.parents]
    return [g for g in map(read_gitignore, reversed(chain)) if g]


def _ignored(ignores: list[IgnoreFile], path: Path, is_dir: bool) -> bool:
    verdict = False
    for g in ignores:
        got = g.decide(path, is_dir)
        if got is not None:
            verdict = got
    return verdict


def walk(root: Path, scopes: Scopes, out: Discovered, sniff: bool = True) -> None:
    """Append the report files below directory ``root`` to ``out`` (sorted by path).

    Iterative (a stack, no recursion: any depth); each folder is read once, and its own
    ``.gitignore`` and configuration file are looked at only when its listing has them."""
    top = root.absolute()
    first = scopes.scope_top(top)
    parents = _parent_ignores(top) if scopes.scope_files(first).respect_gitignore else []
    found: list[tuple[Path, Any]] = []
    # each stack entry: (folder as given, absolute folder, its parent's scope (NAMED: it is
    # the top), the .gitignore chain above it)
    stack: list[tuple[Path, Path, Any, list[IgnoreFile]]] = [(root, top, NAMED, parents)]
    while stack:
        shown, absolute, parent, ignores = stack.pop()
        try:
            with os.scandir(absolute) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            out.errors.append(f"{shown}: permission denied")
            continue
        except OSError as exc:
            out.errors.append(f"{shown}: cannot read directory ({exc.strerror})")
            continue
        names = frozenset(e.name for e in entries)
        scope = first if parent is NAMED else scopes.scope_child(absolute, parent, names)
        settings = scopes.scope_files(scope)
        if settings.respect_gitignore and ".gitignore" in names:
            own = read_gitignore(absolute)
            if own is not None:
                ignores = [*ignores, own]
        subdirs: list[tuple[Path, Path, Any, list[IgnoreFile]]] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_dir, is_file = False, True
            if not is_dir and not (is_file and _is_candidate(name)):
                continue
            path = absolute / name
            why = settings.excluded(path, is_dir)
            if why is None and ignores and settings.respect_gitignore and _ignored(
                    ignores, path, is_dir):
                why = ".gitignore"
            if why is not None:
                out.skipped.append((shown / name, f"excluded ({why})"))
                continue
            if is_dir:
                subdirs.append((shown / name, path, scope, ignores))
            elif sniff and not looks_like_report(path):
                out.skipped.append((shown / name, "not a report"))
            else:
                found.append((shown / name, scope))
        stack.extend(reversed(subdirs))
    found.sort(key=lambda f: f[0].parts)
    out.files += [f for f, _ in found]
    out.scopes += [s for _, s in found]


def _force_excluded(path: Path, scopes: Scopes, sniff: bool) -> str | None:
    """Why a file named on the command line is left out with ``--force-exclude`` (as a
    file found in a folder would be): an exclusion matching it or a folder above it (up to
    the working directory), a ``.gitignore``, or not looking like a report."""
    absolute = path.absolute()
    folder = absolute.parent
    settings = scopes.scope_files(scopes.scope_top(folder))
    try:
        depth = len(absolute.relative_to(Path.cwd()).parts)
    except ValueError:
        depth = 1
    current, is_dir = absolute, False
    for _ in range(depth):
        why = settings.excluded(current, is_dir)
        if why is not None:
            return f"excluded ({why})"
        current, is_dir = current.parent, True
    if settings.respect_gitignore:
        root = repository_root(folder)
        ignores = _parent_ignores(folder)
        own = read_gitignore(folder)
        ignores += [own] if own is not None else []
        above = [d for d in absolute.parents if root is not None and (d == root or
                                                                        root in d.parents)]
        for d in reversed(above[:-1] if above else []):
            if _ignored(ignores, d, True):
                return "excluded (.gitignore)"
        if _ignored(ignores, absolute, False):
            return "excluded (.gitignore)"
    if sniff and not looks_like_report(absolute):
        return "not a report"
    return None


def discover(
    paths: Iterable[str], scopes: Scopes | None = None, sniff: bool = True,
    force_exclude: bool = False,
) -> Discovered:
    """Files named are taken as they are (even when excluded, as in ruff, unless
    ``force_exclude``); directories are walked. A path that does not exist is an error (one
    line each); the same file reached twice is linted once."""
    scopes = scopes or DefaultScopes()
    out = Discovered()
    paths = list(paths)
    for raw in paths:
        p = Path(raw)
        try:
            is_dir = p.is_dir()
            exists = is_dir or p.exists() or p.is_symlink()
        except OSError as exc:
            out.errors.append(f"{p}: cannot read ({exc.strerror})")
            continue
        if is_dir:
            walk(p, scopes, out, sniff)
        elif exists:
            why = _force_excluded(p, scopes, sniff) if force_exclude else None
            if why is not None:
                out.skipped.append((p, why))
                continue
            out.files.append(p)
            out.scopes.append(NAMED)
        else:
            out.errors.append(f"{p}: no such file or directory")
    if len(paths) > 1:  # one folder walked has no file twice (symlinked folders are not followed)
        seen: set[Path] = set()
        keep: list[int] = []
        for i, f in enumerate(out.files):
            try:
                key = f.resolve()
            except (OSError, RuntimeError):
                key = f.absolute()
            if key not in seen:
                seen.add(key)
                keep.append(i)
        out.files = [out.files[i] for i in keep]
        out.scopes = [out.scopes[i] for i in keep]
    return out
