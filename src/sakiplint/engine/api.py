"""The Python API: what ``sakiplint check`` does, for programs.

:func:`check_path` lints files and directories and :func:`check_text` a text, each with the
same configuration lookup (the nearest ``.sakiplint.toml`` / ``pyproject.toml``, or
``config=``, or none with ``isolated=True``), the same file discovery (exclusions,
``.gitignore``, report sniffing) and the same inline suppressions as the command line, which
runs on them. They return :class:`FileResult` objects whose findings are
:class:`~sakiplint.engine.findings.Finding` objects (``to_dict(lang)`` gives the JSON form).
Configuration errors raise :class:`~sakiplint.engine.config.ConfigError` or
:class:`~sakiplint.engine.rules.RulePackError`; a file that cannot be read is a result with
``error`` set (the other files are still linted).

``sakiplint.lint_file`` / ``sakiplint.lint_text`` (:mod:`sakiplint.engine.lint`) stay the
lower level: given rules, no configuration, no suppressions.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sakiplint.engine.config import (
    EMPTY,
    Config,
    ConfigError,
    Effective,
    Resolver,
    rule_registry,
)
from sakiplint.engine.findings import Finding
from sakiplint.engine.rules import RulePackError
from sakiplint.model import Document
from sakiplint.read.source import DEFAULT_MAX_BYTES, InputError, Source, decode

__all__ = [
    "FileResult", "Plan", "TableNote", "check_path", "check_text", "internal_error",
    "lint_loaded", "options", "plan", "run", "settings_dict",
]


@dataclass(frozen=True, slots=True)
class TableNote:
    """What the table reader said about a table (``--verbose``)."""

    line: int
    table: str
    note: str
    skipped: bool = False


@dataclass(slots=True)
class FileResult:
    """The outcome of linting one file."""

    path: str
    document: Document | None          # its lines and metadata (no tables: kept small)
    findings: list[Finding] = field(default_factory=list)
    notes: list[TableNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # reading warnings (encoding)
    suppressed: int = 0
    error: str | None = None           # the file could not be linted
    settings: Effective | None = None  # the configuration it was linted with
    crashes: list[str] = field(default_factory=list)    # rules that raised (findings kept)

    @property
    def doc(self) -> Document | None:
        """The document (an alias of ``document``)."""
        return self.document

    @property
    def lang(self) -> str:
        """The language its configuration asks for (``id`` by default)."""
        return (self.settings.lang if self.settings else None) or "id"

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The file as in ``sakiplint check --format json``."""
        lang = lang or self.lang
        doc = self.document
        entry: dict[str, Any] = {
            "path": self.path,
            "encoding": doc.encoding if doc else None,
            "report_year": doc.report_year if doc else None,
            "warnings": list(doc.warnings) if doc else [],
        }
        if self.settings is not None and self.settings.agency:
            entry["agency"] = self.settings.agency
        if self.error is not None:
            entry["error"] = self.error
        entry["findings"] = [f.to_dict(lang) for f in self.findings]
        return entry


# --------------------------------------------------------------------------- one file

def internal_error(path: str, stage: str, exc: BaseException) -> str:
    """The one line said for a bug of sakiplint met on one file (the others go on)."""
    from sakiplint.engine.rules import describe_error

    return f"{path}: internal error {stage}: {describe_error(exc)} (please report)"


def lint_loaded(
    source: Source | Document, eff: Effective, verbose: bool = False, keep_doc: bool = False
) -> FileResult:
    """Parse (unless given the document), run the rules, apply inline suppressions (and
    report unused ones).

    The result keeps the document's lines; with ``keep_doc`` also its tables and prose (for
    the HTML page), without the derived knowledge (so that it pickles between processes)."""
    import decimal

    from sakiplint.engine.lint import lint_document
    from sakiplint.engine.rules import RuleCrash
    from sakiplint.read.numfmt import number_context
    from sakiplint.read.parse import parse_document

    path = source.path
    crashes: list[RuleCrash] = []
    try:
        rules = eff.rules()
        if isinstance(source, Document):
            parsed = source
        else:
            with decimal.localcontext(number_context(source.text)):
                parsed = parse_document(source)
        doc, found = lint_document(parsed, rules, eff.settings(), eff.report_year,
                                   eff.renstra_period, crashes)
    except (RulePackError, ConfigError) as exc:
        return FileResult(path, None, error=str(exc), settings=eff)
    except Exception as exc:  # a reader's bug: this file's error line, the others go on
        return FileResult(path, None, error=internal_error(path, "while reading", exc),
                          settings=eff)
    try:
        return _finish(doc, eff, rules, found, [str(c) for c in crashes], verbose, keep_doc)
    except Exception as exc:
        return FileResult(path, None, error=internal_error(path, "after the rules", exc),
                          settings=eff)


def _finish(doc: Document, eff: Effective, rules: list[Any], found: list[Finding],
            crashes: list[str], verbose: bool, keep_doc: bool) -> FileResult:
    """Inline suppressions (and unused ones), the --verbose notes, a light document."""
    from sakiplint.engine.suppress import apply_suppressions, unused_findings

    path = doc.path
    res = apply_suppressions(doc.lines, found)
    findings = res.kept
    if eff.report_unused:
        known = list(rule_registry(eff.packs).values())
        findings = sorted(findings + unused_findings(res, rules, known), key=Finding.sort_key)
    notes: list[TableNote] = []
    if verbose:
        for t in doc.tables:
            if t.skipped:
                notes.append(TableNote(t.start_line, t.title, t.skipped, skipped=True))
            notes += [TableNote(t.start_line, t.title, n) for n in t.notes]
    lite = Document(path=doc.path, text="", lines=doc.lines, report_year=doc.report_year,
                    encoding=doc.encoding, warnings=doc.warnings)
    if keep_doc:
        lite.tables, lite.table_lines = doc.tables, doc.table_lines
        lite._prose = (doc.headings, doc.paragraphs)
    return FileResult(path, lite, findings, notes, list(doc.warnings), len(res.suppressed),
                      settings=eff, crashes=crashes)


def lint_one(
    path: str, eff: Effective, verbose: bool = False, keep_doc: bool = False,
    pages: Callable[[str], Callable[[int, int], None]] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FileResult:
    """Lint one file of any kind (module level, so that it can run in a worker process);
    ``pages(path)``: a progress callback for the pages read (a long PDF); files larger than
    ``max_bytes`` are not read (an input error)."""
    from sakiplint.read.load import load_document

    try:
        doc = load_document(path, pages(path) if pages else None, max_bytes)
    except InputError as exc:
        return FileResult(path, None, error=str(exc), settings=eff)
    except Exception as exc:  # a reader's bug: this file's error line, the others go on
        return FileResult(path, None, error=internal_error(path, "while reading", exc),
                          settings=eff)
    return lint_loaded(doc, eff, verbose, keep_doc)


def run(
    files: Sequence[str], effs: Sequence[Effective], jobs: int = 1, verbose: bool = False,
    progress: Callable[[int, int, str], None] | None = None, keep_doc: bool = False,
    pages: Callable[[str], Callable[[int, int], None]] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[FileResult]:
    """Lint files, in parallel when ``jobs`` > 1; results in input order.

    When the cyclic garbage collector is off (``python -m sakiplint`` turns it off for speed),
    the garbage of each file is collected after it, and what survives (its result) is frozen
    out of later collections, so that linting N files stays linear in N; the worker
    processes do the same. Workers take the files in batches (one message
    each way per batch, not per file)."""
    total = len(files)
    results: list[FileResult | None] = [None] * total
    collector_off = not gc.isenabled()
    if jobs > 1 and total > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        from sakiplint.read.resources import caches_enabled

        workers = min(jobs, total)
        batches = _batches(total, workers)
        # the workers are forked from here: what exists now is frozen (shared with them
        # untouched, and never walked by their collections), and each collects after each
        # file; this process keeps the collector as it is (a collector turned on here would
        # walk every result received, again and again)
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=_worker_start,
                                     initargs=(caches_enabled(),)) as pool:
                futures = {pool.submit(_lint_batch, [files[i] for i in b],
                                       [effs[i] for i in b], verbose, keep_doc, max_bytes): b
                           for b in batches}
                done = 0
                for fut in as_completed(futures):
                    batch = futures[fut]
                    try:
                        for i, r in zip(batch, fut.result(), strict=True):
                            results[i] = r
                    except Exception as exc:  # a worker that died (memory, a signal)
                        for i in batch:
                            results[i] = FileResult(files[i], None, error=internal_error(
                                files[i], "in a worker", exc), settings=effs[i])
                    for i in batch:
                        done += 1
                        if progress:
                            progress(done, total, files[i])
        finally:
            gc.unfreeze()
    else:
        for i, (f, e) in enumerate(zip(files, effs, strict=True)):
            if progress:
                progress(i + 1, total, f)
            results[i] = lint_one(f, e, verbose, keep_doc, pages, max_bytes)
            if collector_off and total > 1:
                _collect_and_freeze()
    if collector_off and total > 1:
        gc.unfreeze()
    return [r for r in results if r is not None]


def _batches(total: int, workers: int) -> list[list[int]]:
    """The files' indices in batches for the workers, in order: up to 32 files each (a
    batch is one message each way, its settings sent once), and the last files in small
    batches, so that no worker is left alone with a big one at the end."""
    size = max(1, min(32, total // (workers * 4)))
    small = max(1, size // 8)
    head = max(0, total - workers * size)
    out = [list(range(k, min(k + size, head))) for k in range(0, head, size)]
    return out + [list(range(k, min(k + small, total))) for k in range(head, total, small)]


def _worker_start(caches: bool) -> None:
    """A worker process: the parent's caches setting; the cyclic garbage collector off, as
    in a single process (see :func:`_lint_batch`)."""
    from sakiplint.read.resources import set_caches

    set_caches(caches)
    gc.disable()


def _lint_batch(files: list[str], effs: list[Effective], verbose: bool, keep_doc: bool,
                max_bytes: int) -> list[FileResult]:
    """Lint a batch of files in a worker process (module level: it is pickled by name). As
    in one process: the collector runs after each file, not while it is read (its
    thresholds would walk the growing document again and again), and what survives is
    frozen out of the next collections (never unfrozen: that would hand the parent's
    frozen objects back to this process's collections; a result sent is freed by its
    reference count)."""
    out = []
    for f, e in zip(files, effs, strict=True):
        out.append(lint_one(f, e, verbose, keep_doc, None, max_bytes))
        _collect_and_freeze()
    return out


def _collect_and_freeze() -> None:
    """After a file: its garbage collected (only what was made since the last freeze is
    looked at) and what survives, its result, frozen out of the next collections."""
    gc.collect()
    gc.freeze()


# --------------------------------------------------------------------------- many files

def options(
    select: Iterable[str] | None = None, extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (), lang: str | None = None,
    report_unused_suppressions: bool | None = None, exclude: Iterable[str] | None = None,
    extend_exclude: Iterable[str] = (), respect_gitignore: bool | None = None,
    rule_packs: Iterable[str] = (),
) -> Config:
    """The command-line layer of the configuration (applied over the configuration files)."""
    return Config(
        select=tuple(select) if select is not None else None,
        extend_select=tuple(extend_select), ignore=tuple(ignore), lang=lang,
        report_unused_suppressions=report_unused_suppressions,
        exclude=tuple(exclude) if exclude is not None else None,
        extend_exclude=tuple(extend_exclude), respect_gitignore=respect_gitignore,
        rule_packs=tuple(rule_packs),
    )


def resolver(
    config: str | Path | None = None, isolated: bool = False, cli: Config = EMPTY
) -> Resolver:
    if config is not None and isolated:
        raise ConfigError("--config and --isolated cannot be used together")
    res = Resolver(cli=cli, config_file=Path(config) if config is not None else None,
                   isolated=isolated)
    if config is not None:  # a broken --config is reported before anything else
        res.config_for(Path(config))
    return res


@dataclass(slots=True)
class Plan:
    """What a run lints: the files in order, the configuration of each, and what could not
    be walked (one line each) or was left out (path, why)."""

    files: list[str]
    settings: list[Effective]
    errors: list[str]
    skipped: list[tuple[str, str]]


def plan(paths: Iterable[str], res: Resolver, force_exclude: bool = False) -> Plan:
    """Find the files below ``paths`` (see :mod:`sakiplint.engine.files`) and resolve the
    configuration of each. Raises :class:`ConfigError` / :class:`RulePackError`."""
    from sakiplint.engine.files import NAMED, discover

    found = discover(paths, res, force_exclude=force_exclude)
    files = [str(f) for f in found.files]
    effs = [res.for_file(f) if scope is NAMED else res.effective_of(scope)
            for f, scope in zip(found.files, found.scopes, strict=True)]
    return Plan(files, effs, found.errors, [(str(p), why) for p, why in found.skipped])


def check_path(
    paths: str | Path | Iterable[str | Path] = ".", *, config: str | Path | None = None,
    isolated: bool = False, jobs: int = 1, **opts: Any,
) -> list[FileResult]:
    """Lint files and directories as ``sakiplint check`` does and return one result per file
    (a path that does not exist or a folder that cannot be read is a result with ``error``).
    ``opts``: ``select``, ``extend_select``, ``ignore``, ``lang``,
    ``report_unused_suppressions``, ``exclude``, ``extend_exclude``, ``respect_gitignore``
    (see :func:`options`)."""
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    res = resolver(config, isolated, options(**opts))
    p = plan([str(x) for x in items], res)
    results = run(p.files, p.settings, jobs)
    for err in p.errors:
        path, _, _ = err.partition(": ")
        results.append(FileResult(path, None, error=err))
    return results


def check_text(
    text: str | bytes, path: str = "<text>", *, config: str | Path | None = None,
    isolated: bool = False, **opts: Any,
) -> FileResult:
    """Lint a report given as text (or bytes, decoded as files are) as ``sakiplint check -
    --stdin-filename PATH`` does: the configuration is the one that applies to ``path`` (the
    working directory for ``"<text>"``)."""
    res = resolver(config, isolated, options(**opts))
    where = Path(path) if path not in ("<text>", "-", "") else Path.cwd() / "-"
    eff = res.for_file(where)
    try:
        source = decode(text if isinstance(text, bytes) else text.encode("utf-8"), path)
    except InputError as exc:
        return FileResult(path, None, error=str(exc), settings=eff)
    return lint_loaded(source, eff)


def settings_dict(path: str, eff: Effective, files: Any = None) -> dict[str, Any]:
    """The resolved configuration of one file (``sakiplint check --show-settings``): the
    configuration file it comes from, the rules that run with their severities, and the
    settings; ``files``: the :class:`~sakiplint.engine.files.FileSettings` of its folder."""
    data: dict[str, Any] = {
        "path": path,
        "config-file": eff.config_path,
        "lang": eff.lang or "id",
        "select": list(eff.codes),
        "severity": dict(eff.severity),
        "tolerance": float(eff.tolerance) if eff.tolerance is not None else 1.0,
        "lower-is-better": list(eff.lower_is_better),
        "agency": eff.agency,
        "report-year": eff.report_year,
        "renstra-period": list(eff.renstra_period) if eff.renstra_period else None,
        "rule-packs": list(eff.packs),
        "report-unused-suppressions": eff.report_unused,
    }
    if files is not None:
        data["exclude"] = list(dict.fromkeys([*files.names.values(),
                                              *(p.text for _, p in files.exclude)]))
        data["respect-gitignore"] = files.respect_gitignore
    return data
