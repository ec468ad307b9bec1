"""The command line: a thin layer over lint, config, suppress and output."""

from __future__ import annotations

import gc
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import click

from sakiplint import __version__
from sakiplint.engine import Rule, RulePackError
from sakiplint.engine.config import (
    EMPTY,
    Config,
    ConfigError,
    Effective,
    Resolver,
    config_schema,
    rule_registry,
)
from sakiplint.engine.findings import Finding
from sakiplint.model import Document
from sakiplint.read.source import InputError, Source, expand_paths

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FORMATS = ("text", "json", "sarif", "github", "html")


def _fail(message: str) -> NoReturn:
    click.echo(f"sakiplint: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _split(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(c.strip() for c in value.split(",") if c.strip())


# --------------------------------------------------------------------------- linting one file

@dataclass(slots=True)
class FileResult:
    path: str
    doc: Document | None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)      # --verbose lines
    warnings: list[str] = field(default_factory=list)   # reading warnings (encoding)
    suppressed: int = 0
    error: str | None = None


def lint_loaded(
    source: Source | Document, eff: Effective, verbose: bool = False, keep_doc: bool = False
) -> FileResult:
    """Parse (unless given the document), run the rules, apply inline suppressions (and
    report unused ones).

    The result keeps the document's lines; with ``keep_doc`` also its tables and prose (for
    the HTML page), without the derived knowledge (so that it pickles between processes)."""
    from sakiplint.engine.lint import lint_document
    from sakiplint.engine.suppress import apply_suppressions, unused_findings
    from sakiplint.read.parse import parse_document

    path = source.path
    try:
        rules = eff.rules()
        parsed = source if isinstance(source, Document) else parse_document(source)
        doc, found = lint_document(parsed, rules, eff.settings(), eff.report_year,
                                   eff.renstra_period)
    except (RulePackError, ConfigError) as exc:
        return FileResult(path, None, error=str(exc))
    res = apply_suppressions(doc.lines, found)
    findings = res.kept
    if eff.report_unused:
        known = list(rule_registry(eff.packs).values())
        findings = sorted(findings + unused_findings(res, rules, known), key=Finding.sort_key)
    notes: list[str] = []
    if verbose:
        for t in doc.tables:
            if t.skipped:
                notes.append(f"{path}:{t.start_line}: tabel dilewati: {t.skipped}")
            for note in t.notes:
                notes.append(f"{path}:{t.start_line}: {t.title}: {note}")
    lite = Document(path=doc.path, text="", lines=doc.lines, report_year=doc.report_year,
                    encoding=doc.encoding, warnings=doc.warnings)
    if keep_doc:
        lite.tables, lite.table_lines = doc.tables, doc.table_lines
        lite._prose = (doc.headings, doc.paragraphs)
    return FileResult(path, lite, findings, notes, list(doc.warnings), len(res.suppressed))


class PageProgress:
    """A progress bar on stderr for a file whose reading takes more than a second (the pages
    of a long PDF)."""

    def __init__(self, path: str) -> None:
        import time

        self.path, self.clock, self.start, self.shown = path, time.monotonic, time.monotonic(), 0

    def __call__(self, done: int, total: int) -> None:
        if self.clock() - self.start < 1.0 and not self.shown:
            return
        self.shown = done
        bar = "#" * (20 * done // max(total, 1))
        click.echo(f"\r\x1b[K[{bar:<20}] {done}/{total} {self.path[-60:]}", err=True, nl=False)
        if done == total:
            click.echo("\r\x1b[K", err=True, nl=False)


def lint_path(
    path: str, eff: Effective, verbose: bool = False, keep_doc: bool = False, bar: bool = False
) -> FileResult:
    """Lint one file of any kind (module level, so that it can run in a worker process);
    ``bar``: show a progress bar when reading it takes more than a second."""
    from sakiplint.read.load import load_document

    try:
        doc = load_document(path, PageProgress(path) if bar else None)
    except InputError as exc:
        return FileResult(path, None, error=str(exc))
    return lint_loaded(doc, eff, verbose, keep_doc)


def _progress(done: int, total: int, path: str) -> None:
    line = f"[{done}/{total}] {path}"
    click.echo(f"\r\x1b[K{line[:120]}", err=True, nl=False)


def lint_all(
    files: list[str], effs: list[Effective], jobs: int = 1, verbose: bool = False,
    progress: bool = False, keep_doc: bool = False, bar: bool = False,
) -> list[FileResult]:
    """Lint files, in parallel when ``jobs`` > 1; results in input order.

    When the cyclic garbage collector is off (``python -m sakiplint`` turns it off for speed),
    garbage is collected between files, and the worker processes run with it on."""
    total = len(files)
    results: list[FileResult | None] = [None] * total
    collector_off = not gc.isenabled()
    if jobs > 1 and total > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        gc.enable()  # the workers are forked from here: each lints many files
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, total)) as pool:
                futures = {pool.submit(lint_path, f, e, verbose, keep_doc): i
                           for i, (f, e) in enumerate(zip(files, effs, strict=True))}
                for done, fut in enumerate(as_completed(futures), 1):
                    i = futures[fut]
                    results[i] = fut.result()
                    if progress:
                        _progress(done, total, files[i])
        finally:
            if collector_off:
                gc.disable()
    else:
        for i, (f, e) in enumerate(zip(files, effs, strict=True)):
            if progress:
                _progress(i + 1, total, f)
            if i and collector_off:
                gc.collect()
            results[i] = lint_path(f, e, verbose, keep_doc, bar)
    if progress:
        click.echo("\r\x1b[K", err=True, nl=False)
    return [r for r in results if r is not None]


# --------------------------------------------------------------------------- commands

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sakiplint")
def main() -> None:
    """sakiplint: consistency linter for LKjIP / LKj performance reports."""


_config_option = click.option(
    "--config", "config_file", default=None, metavar="PATH",
    help="Use this configuration file for every report (pyproject.toml or .sakiplint.toml).")
_isolated_option = click.option(
    "--isolated", is_flag=True, help="Ignore all configuration files.")


def _resolver(config_file: str | None, isolated: bool, cli: Config = EMPTY) -> Resolver:
    if config_file and isolated:
        _fail("--config and --isolated cannot be used together")
    return Resolver(cli=cli, config_file=Path(config_file) if config_file else None,
                    isolated=isolated)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["id", "en"]), default=None,
              help="Language of the messages (default: configuration, else id).")
@click.option("--select", default=None, metavar="RULES",
              help="Only these rules (codes, prefixes, slugs, categories, ALL; comma-separated), "
                   "enabled by default or not.")
@click.option("--extend-select", default=None, metavar="RULES",
              help="Rules to run in addition to the selected ones.")
@click.option("--ignore", default=None, metavar="RULES", help="Rules not to run.")
@_config_option
@_isolated_option
@click.option("--report-unused-suppressions", "report_unused", is_flag=True, default=None,
              help="Report sakiplint-disable comments that silence nothing (as SK001).")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of findings.")
@click.option("-q", "--quiet", is_flag=True, help="Only findings: no summary line, no progress.")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when there are findings.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="info",
              show_default=True, help="Exit with 1 only for findings of at least this severity.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Lint files in N parallel processes.")
@click.option("-v", "--verbose", is_flag=True, help="Also say which tables were skipped.")
@click.option("-o", "--output-file", default=None, metavar="PATH",
              help="Write the output to this file instead of stdout.")
@click.option("--annotate", "annotate_to", default=None, metavar="COPY.docx",
              help="Write a copy of the (one) Word report with a comment on each finding.")
def check(
    paths: tuple[str, ...], fmt: str, lang: str | None, select: str | None,
    extend_select: str | None, ignore: str | None, config_file: str | None, isolated: bool,
    report_unused: bool | None, statistics: bool, quiet: bool, exit_zero: bool, fail_on: str,
    jobs: int, verbose: bool, output_file: str | None, annotate_to: str | None,
) -> None:
    """Lint report files or directories (recursively: .md, .txt, .docx, .pdf)."""
    from sakiplint.engine.suppress import UNUSED_CODE, UNUSED_RULE
    from sakiplint.report.github import render_github
    from sakiplint.report.jsonout import render_json
    from sakiplint.report.sarif import render_sarif
    from sakiplint.report.text import render_statistics, render_text

    cli = Config(select=_split(select), extend_select=_split(extend_select) or (),
                 ignore=_split(ignore) or (), lang=lang,
                 report_unused_suppressions=True if report_unused else None)
    resolver = _resolver(config_file, isolated, cli)
    try:
        if config_file:  # a broken --config is reported before anything else
            resolver.config_for(Path(config_file))
        files = [str(f) for f in expand_paths(list(paths))]
        effs = [resolver.for_file(Path(f)) for f in files]
    except (InputError, RulePackError, ConfigError) as exc:
        _fail(str(exc))
    if output_file and any(_same_file(output_file, f) for f in files):
        _fail(f"{output_file}: is one of the files to check (sakiplint never writes to them)")
    if annotate_to is not None:
        _check_annotate(files, annotate_to)
    progress = sys.stderr.isatty() and not quiet and len(files) > 1
    bar = sys.stderr.isatty() and not quiet
    results = lint_all(files, effs, jobs, verbose, progress, keep_doc=fmt == "html", bar=bar)
    for r in results:
        if not quiet:
            for w in r.warnings:
                click.echo(f"sakiplint: warning: {w}", err=True)
        for note in r.notes:
            click.echo(note, err=True)
    for r in results:
        if r.error:
            _fail(r.error)

    out = [(r.doc, r.path, r.findings) for r in results]
    langs: str | dict[str, str] = lang or {
        r.path: e.lang or "id" for r, e in zip(results, effs, strict=True)
    }
    if statistics:
        text = render_statistics(out, "json" if fmt == "json" else "text")
    elif fmt == "json":
        meta = {r.path: {"agency": e.agency} for r, e in zip(results, effs, strict=True)
                if e.agency}
        text = render_json(out, langs, meta)
    elif fmt == "sarif":
        rules: dict[str, Rule] = {}
        for e in dict.fromkeys(effs):
            for rule in e.rules():
                rules.setdefault(rule.code, rule)
        if any(e.report_unused for e in effs) or any(
            f.rule == UNUSED_CODE for r in results for f in r.findings
        ):
            rules.setdefault(UNUSED_CODE, UNUSED_RULE)
        text = render_sarif(out, langs, rules.values())
    elif fmt == "github":
        text = render_github(out, langs)
    elif fmt == "html":
        from sakiplint.report.html import render_html

        meta = {r.path: {"agency": e.agency} for r, e in zip(results, effs, strict=True)
                if e.agency}
        text = render_html(out, langs, meta)
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = render_text(out, langs, color=color, quiet=quiet)
    if output_file:
        try:
            Path(output_file).write_text(text + "\n" if text else "", "utf-8")
        except OSError as exc:
            _fail(f"{output_file}: cannot write: {exc.strerror or exc}")
    elif text:
        click.echo(text)
    if annotate_to is not None:
        from sakiplint.report.annotate import AnnotateError, annotate_docx

        flang = lang or effs[0].lang or "id"
        try:
            lines = results[0].doc.lines if results[0].doc else []
            annotate_docx(files[0], annotate_to, results[0].findings, flang, lines)
        except AnnotateError as exc:
            _fail(str(exc))

    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings)
    sys.exit(EXIT_FOUND if failed and not exit_zero else EXIT_OK)


def _check_annotate(files: list[str], out: str) -> None:
    """``--annotate``: one Word report, and a copy that is not the report itself."""
    if len(files) != 1:
        _fail("--annotate needs exactly one report file")
    src, dst = Path(files[0]), Path(out)
    from sakiplint.read.load import sniff

    if sniff(src) != "docx" or dst.suffix.lower() != ".docx":
        _fail(f"--annotate needs a Word (.docx) report and a .docx copy to write: {src} -> {dst}")
    if dst.resolve() == src.resolve() or (dst.exists() and dst.samefile(src)):
        _fail(f"--annotate: {dst} is the report itself; sakiplint never writes its input")


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--no-cells", is_flag=True, help="Only captions, line ranges and column roles.")
def tables(path: str, fmt: str, no_cells: bool) -> None:
    """Show what the parser understood: captions, line ranges, column roles, cells."""
    from sakiplint.read.load import load_document
    from sakiplint.report.tables import render_tables_json, render_tables_text

    try:
        doc = load_document(path)
    except InputError as exc:
        _fail(str(exc))
    click.echo(render_tables_json(doc) if fmt == "json" else render_tables_text(doc, not no_cells))


def _registry(config_file: str | None, isolated: bool) -> tuple[dict[str, Rule], tuple[str, ...]]:
    """All rules, with the rule packs of the configuration that applies here (cwd); and the
    pack directories."""
    resolver = _resolver(config_file, isolated)
    try:
        cfg = resolver.config_for(Path.cwd())
        packs = cfg.rule_packs if cfg else ()
        return rule_registry(packs), packs
    except (RulePackError, ConfigError) as exc:
        _fail(str(exc))


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@_config_option
@_isolated_option
def rules_cmd(fmt: str, lang: str, config_file: str | None, isolated: bool) -> None:
    """List the rules."""
    rules = list(_registry(config_file, isolated)[0].values())
    if fmt == "json":
        click.echo(json.dumps([
            {"code": r.code, "slug": r.slug, "category": r.category, "severity": r.severity,
             "description": r.description[lang], "enabled": r.enabled_by_default,
             "origin": r.origin}
            for r in rules
        ], ensure_ascii=False, indent=2))
        return
    for r in rules:
        flag = "" if r.enabled_by_default else "  (off by default)"
        click.echo(f"{r.code}  {r.slug:<24} {r.category:<12} {r.severity:<7} "
                   f"{r.description[lang]}{flag}")


_EXPLAIN = {
    "id": {"what": "Yang diperiksa", "why": "Mengapa penting", "how": "Cara memperbaiki",
           "fail": "Contoh yang gagal", "pass": "Contoh yang lolos", "findings": "Temuan",
           "none": "tidak ada", "expected": "seharusnya", "off": "nonaktif bawaan; aktifkan "
           "dengan enable = [\"{code}\"] atau --select {code}"},
    "en": {"what": "What it checks", "why": "Why it matters", "how": "How to fix",
           "fail": "Failing example", "pass": "Passing example", "findings": "Findings",
           "none": "none", "expected": "expected", "off": "off by default; turn it on with "
           "enable = [\"{code}\"] or --select {code}"},
}


def _wrap(text: str, indent: str = "  ") -> str:
    from textwrap import fill

    paras = [" ".join(p.split()) for p in text.split("\n\n")]
    return "\n\n".join(
        fill(p, width=92, initial_indent=indent, subsequent_indent=indent)
        for p in paras if p
    )


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@_config_option
@_isolated_option
def explain(code: str, lang: str, config_file: str | None, isolated: bool) -> None:
    """Explain a rule: what it checks, why, and its examples with their findings."""
    from sakiplint.engine.suppress import UNUSED_RULE

    found, packs = _registry(config_file, isolated)
    registry = dict(found)
    registry.setdefault(UNUSED_RULE.code, UNUSED_RULE)
    rule = registry.get(code.strip().upper()) or next(
        (r for r in registry.values() if r.slug == code.strip().lower()), None)
    if rule is None:
        _fail(f"unknown rule code: {code}")
    lab = _EXPLAIN[lang]
    out = [f"{rule.code} ({rule.slug}) · {rule.category} · {rule.severity}"]
    if not rule.enabled_by_default:
        out.append("  " + lab["off"].format(code=rule.code))
    out += ["", f"{lab['what']}:", _wrap(rule.description[lang])]
    for key in ("why", "how"):
        text = (rule.docs.get(key) or {}).get(lang)
        if text:
            out += ["", f"{lab[key]}:", _wrap(text)]
    codes = tuple(dict.fromkeys(
        [r.code for r in registry.values() if r.enabled_by_default and r is not UNUSED_RULE]
        + ([rule.code] if rule is not UNUSED_RULE else [])))
    eff = Effective(codes=codes, severity=(), packs=packs, report_unused=True)
    for ex in rule.examples:
        out += ["", f"{lab[ex['kind']]}:", ""]
        out += [("    " + line).rstrip(" ") for line in ex["report"].rstrip("\n").split("\n")]
        res = lint_loaded(Source(path="<example>", text=ex["report"], encoding="utf-8"), eff)
        if res.error:
            _fail(res.error)
        if not res.findings:
            out += ["", f"  {lab['findings']}: {lab['none']}"]
            continue
        out += ["", f"  {lab['findings']}:"]
        for f in res.findings:
            out.append(f"    {f.line}:{f.column}: {f.rule} {f.message(lang)}")
            if f.expected is not None:
                out.append(f"      {lab['expected']}: {f.expected}")
    click.echo("\n".join(out))


@main.command()
@click.argument("which", type=click.Choice(["output", "config"]), default="output")
def schema(which: str) -> None:
    """Print a JSON Schema: of `check --format json` (output) or of the configuration."""
    from sakiplint.report.jsonout import output_schema

    click.echo(json.dumps(output_schema() if which == "output" else config_schema(), indent=2))


@main.command(name="timeframe")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_config_option
@_isolated_option
def timeframe_cmd(path: str, fmt: str, config_file: str | None, isolated: bool) -> None:
    """Show the report's time frame: its year, plan periods and signature dates."""
    from sakiplint.engine.lint import apply_overrides
    from sakiplint.facts.timeframe import timeframe
    from sakiplint.read.load import load_document

    try:
        eff = _resolver(config_file, isolated).for_file(Path(path))
        doc = load_document(path)
    except (InputError, ConfigError, RulePackError) as exc:
        _fail(str(exc))
    apply_overrides(doc, eff.report_year, eff.renstra_period)
    data = timeframe(doc).to_json()
    if fmt == "json":
        click.echo(json.dumps({"path": path, **data}, indent=2, ensure_ascii=False))
        return
    out = [f"{path}: tahun laporan {data['report_year'] or '?'} ({data['report_year_source']})"]
    out += [f"  bukti: baris {e['line']}: {e['text']}" for e in data["report_year_evidence"]]
    rp = data["renstra_period"]
    out.append(f"  periode Renstra: {rp[0]}-{rp[1]}" if rp else "  periode Renstra: ?")
    out += [f"  {p['line']}:{p['column']}: {p['plan']} {p['period']}"
            for p in data["plan_periods"]]
    if data["annex_line"]:
        out.append(f"  lampiran mulai baris {data['annex_line']}")
    for s in data["signatures"]:
        what = s["document"] + (f" {s['document_year']}" if s["document_year"] else "")
        if s["period"]:
            what += f" {s['period']}"
        out.append(f"  {s['line']}:{s['column']}: ditandatangani {s['date']} ({s['iso']}): "
                   f"{what}" + (" [lampiran]" if s["annex"] else ""))
    click.echo("\n".join(out))


if __name__ == "__main__":  # pragma: no cover
    main()
