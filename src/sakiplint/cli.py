"""The command line: a thin layer over the API (``engine.api``), configuration and output."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

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
from sakiplint.model import Document
from sakiplint.read.source import DEFAULT_MAX_BYTES, InputError, Source

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sakiplint.engine.api import FileResult
    from sakiplint.report.common import Results

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "html")
LANGS = ("id", "en")

#: the command line's own words (errors come from engine.words.error)
_SAY = {
    "id": {"warning": "peringatan", "skipped": "dilewati", "not a report": "bukan laporan",
           "excluded": "dikecualikan", "table skipped": "tabel dilewati",
           "none found": "no report files found under the given paths"},
    "en": {"warning": "warning", "skipped": "skipped", "not a report": "not a report",
           "excluded": "excluded", "table skipped": "table skipped",
           "none found": "no report files found under the given paths"},
}


def _say(lang: str | None, key: str) -> str:
    return _SAY.get(lang or "en", _SAY["en"])[key]


def _error_text(message: str, lang: str | None) -> str:
    from sakiplint.engine.words import error

    return error(message, lang)


def _echo(message: str) -> None:
    """One line on stderr; file names and document text in it are escaped (no control
    character, nothing a CI runner reads as a command: see ``report.common.safe``)."""
    from sakiplint.report.common import safe

    click.echo(f"sakiplint: {safe(message)}", err=True)


def _fail(message: str, lang: str | None = None) -> NoReturn:
    _echo(_error_text(message, lang))
    sys.exit(EXIT_ERROR)


def _split(values: str | tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Comma-separated values (of one option, or of a repeated one)."""
    if values is None:
        return None
    if isinstance(values, str):
        values = (values,)
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


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
        from sakiplint.report.common import safe

        click.echo(f"\r\x1b[K[{bar:<20}] {done}/{total} {safe(self.path[-60:])}", err=True,
                   nl=False)
        if done == total:
            click.echo("\r\x1b[K", err=True, nl=False)


def _progress(done: int, total: int, path: str) -> None:
    from sakiplint.report.common import safe

    line = f"[{done}/{total}] {path}"
    click.echo(f"\r\x1b[K{safe(line[:120])}", err=True, nl=False)


def lint_all(
    files: list[str], effs: list[Effective], jobs: int = 1, verbose: bool = False,
    progress: bool = False, keep_doc: bool = False, bar: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[FileResult]:
    """Lint files (the loop lives in :func:`sakiplint.engine.api.run`); ``bar``: a progress
    bar for a file whose reading takes more than a second."""
    from sakiplint.engine.api import run

    results = run(files, effs, jobs, verbose, _progress if progress else None, keep_doc,
                  PageProgress if bar else None, max_bytes)
    if progress:
        click.echo("\r\x1b[K", err=True, nl=False)
    return results


def lint_loaded(
    source: Source | Document, eff: Effective, verbose: bool = False, keep_doc: bool = False
) -> FileResult:
    """Kept for callers of the former CLI helper: see :func:`sakiplint.engine.api.lint_loaded`."""
    from sakiplint.engine.api import lint_loaded as lint

    return lint(source, eff, verbose, keep_doc)


# --------------------------------------------------------------------------- commands

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sakiplint")
def main() -> None:
    """sakiplint: consistency linter for LKjIP / LKj performance reports."""


_config_option = click.option(
    "--config", "config_file", default=None, metavar="PATH",
    help="Use this configuration file for every report (pyproject.toml or .sakiplint.toml).")
_isolated_option = click.option(
    "--isolated", is_flag=True,
    help="Ignore all configuration files (the user's too) and the caches.")
_rule_pack_option = click.option(
    "--rule-pack", "rule_packs", multiple=True, metavar="DIR",
    help="Load the rule pack in DIR (TOML rule files, and the check modules they name: "
         "code that runs). Repeatable.")


def _lang_option(default: str | None = None) -> Any:
    return click.option(
        "--lang", type=click.Choice(LANGS), default=default, show_default=default is not None,
        help="Language of the output" + ("" if default else
                                         " (default: configuration, else id)") + ".")


def _resolver(config_file: str | None, isolated: bool, cli: Config = EMPTY,
              lang: str | None = None) -> Resolver:
    from functools import partial

    from sakiplint.engine.api import resolver
    from sakiplint.read.resources import caches_enabled, set_caches

    ctx = click.get_current_context(silent=True)
    if ctx is not None:  # for this command only (the CLI may run in a longer process)
        ctx.call_on_close(partial(set_caches, caches_enabled()))
    set_caches(not isolated)  # --isolated: no cache is read or written
    try:
        return resolver(config_file, isolated, cli)
    except (ConfigError, RulePackError) as exc:
        _fail(str(exc), lang)


def _packs(dirs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(str(Path(d).resolve()) for d in dirs)


def _say_warnings(resolver: Resolver, lang: str | None = None) -> None:
    """Configuration passed over (an untrusted rule pack ...), once each."""
    for w in resolver.warnings:
        _echo(f"{_say(lang, 'warning')}: {_error_text(w, lang)}")
    resolver.warnings.clear()


def _color(choice: str, to_file: bool) -> bool:
    if choice == "always":
        return True
    if choice == "never" or to_file:
        return False
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output-file", default=None, metavar="PATH",
              help="Write the output to this file instead of standard output.")
@_lang_option()
@click.option("--select", default=None, metavar="RULES",
              help="Only these rules (codes, prefixes, slugs, categories, ALL; comma-separated), "
                   "enabled by default or not.")
@click.option("--extend-select", default=None, metavar="RULES",
              help="Rules to run in addition to the selected ones.")
@click.option("--ignore", default=None, metavar="RULES", help="Rules not to run.")
@click.option("--exclude", multiple=True, metavar="PATTERNS",
              help="Files and folders not to lint when walking a folder, replacing the default "
                   "exclusions (globs, comma-separated).")
@click.option("--extend-exclude", multiple=True, metavar="PATTERNS",
              help="Files and folders not to lint, in addition to the exclusions.")
@click.option("--respect-gitignore/--no-respect-gitignore", "respect_gitignore", default=None,
              help="Leave out what .gitignore files ignore (default: yes).")
@click.option("--force-exclude", is_flag=True,
              help="Apply the exclusions, .gitignore and the report check to files named on "
                   "the command line too (for pre-commit, which names every file).")
@_config_option
@_isolated_option
@_rule_pack_option
@click.option("--stdin-filename", default=None, metavar="PATH",
              help="With '-': the path of the report read from standard input (for its "
                   "configuration and in the output).")
@click.option("--report-unused-suppressions", "report_unused", is_flag=True, default=None,
              help="Report sakiplint-disable comments that silence nothing (as SK001).")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of findings.")
@click.option("--show-settings", is_flag=True,
              help="Show the configuration that applies to the first file, then exit.")
@click.option("--show-files", is_flag=True, help="Show the files that would be linted, then exit.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colours in the text output (auto: on a terminal, "
                                      "unless NO_COLOR is set).")
@click.option("-q", "--quiet", is_flag=True, help="Only findings: no summary line, no progress.")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when there are findings.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="info",
              show_default=True, help="Exit with 1 only for findings of at least this severity.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Lint files in N parallel processes.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also say which files were left out and which tables were skipped.")
@click.option("--annotate", "annotate_to", default=None, metavar="COPY.docx",
              help="Write a copy of the (one) Word report with a comment on each finding.")
@click.option("--max-file-size", "max_mb", type=click.IntRange(min=1),
              default=DEFAULT_MAX_BYTES >> 20, show_default=True, metavar="MB",
              help="Larger files are not read (an input error).")
def check(
    paths: tuple[str, ...], fmt: str, output_file: str | None, lang: str | None,
    select: str | None, extend_select: str | None, ignore: str | None,
    exclude: tuple[str, ...], extend_exclude: tuple[str, ...], respect_gitignore: bool | None,
    force_exclude: bool, config_file: str | None, isolated: bool, rule_packs: tuple[str, ...],
    stdin_filename: str | None,
    report_unused: bool | None, statistics: bool, show_settings: bool, show_files: bool,
    color: str, quiet: bool, exit_zero: bool, fail_on: str, jobs: int, verbose: bool,
    annotate_to: str | None, max_mb: int,
) -> None:
    """Lint report files or folders (default: the current folder). A folder is searched
    recursively for .md / .markdown / .txt / .docx / .pdf reports; '-' reads one report from
    standard input."""
    from sakiplint.engine import api

    cli = api.options(
        select=_split(select), extend_select=_split(extend_select) or (),
        ignore=_split(ignore) or (), lang=lang,
        report_unused_suppressions=True if report_unused else None,
        exclude=_split(exclude) if exclude else None,
        extend_exclude=_split(extend_exclude) or (), respect_gitignore=respect_gitignore,
        rule_packs=_packs(rule_packs),
    )
    resolver = _resolver(config_file, isolated, cli, lang)
    paths = paths or (".",)
    stdin = "-" in paths
    if stdin and len(paths) > 1:
        _fail("'-' (standard input) cannot be combined with other paths", lang)
    if output_file is not None and stdin_filename and _same_file(
            Path(output_file), Path(stdin_filename)):
        _fail(f"the output file {output_file} is one of the files linted", lang)

    try:
        if stdin:
            name = stdin_filename or "-"
            where = Path(stdin_filename) if stdin_filename else Path.cwd() / "-"
            plan = api.Plan([name], [resolver.for_file(where)], [], [])
        else:
            plan = api.plan(paths, resolver, force_exclude)
    except (InputError, RulePackError, ConfigError) as exc:
        _say_warnings(resolver, lang)
        _fail(str(exc), lang)
    _say_warnings(resolver, lang)
    if verbose:
        for path, why in plan.skipped:
            why_text = (_say(lang, "not a report") if why == "not a report"
                        else why.replace("excluded", _say(lang, "excluded")))
            _echo(f"{_say(lang, 'skipped')} {path}: {why_text}")
    if show_settings:
        _show_settings(plan, resolver, paths, fmt)
        return
    if show_files:
        from sakiplint.report.common import safe_path

        click.echo("\n".join(safe_path(f) for f in plan.files))
        return
    if output_file is not None:
        for f in plan.files:
            if _same_file(Path(output_file), Path(f)):
                _fail(f"the output file {output_file} is one of the files linted", lang)
    if annotate_to is not None:
        _check_annotate(plan.files, annotate_to)

    max_bytes = max_mb << 20
    if stdin:
        from sakiplint.read.source import decode

        eff = plan.settings[0]
        try:
            stream = getattr(sys.stdin, "buffer", None)
            data = (stream.read(max_bytes + 1) if stream is not None
                    else sys.stdin.read(max_bytes + 1).encode("utf-8"))
            if len(data) > max_bytes:
                raise InputError(f"{plan.files[0]}: file too large (more than {max_mb} MB, "
                                 "see --max-file-size)")
            source = decode(data, plan.files[0])
        except InputError as exc:
            _fail(str(exc), lang)
        results = [api.lint_loaded(source, eff, verbose, keep_doc=fmt == "html")]
    else:
        progress = sys.stderr.isatty() and not quiet and len(plan.files) > 1
        results = lint_all(plan.files, plan.settings, jobs, verbose, progress,
                           keep_doc=fmt == "html", bar=sys.stderr.isatty() and not quiet,
                           max_bytes=max_bytes)

    # a file that could not be read, or a rule that crashed on it, is one line on stderr and
    # exit code 2; the other files' (and rules') findings are still written
    errors = list(plan.errors) + [line for r in results
                                  for line in ([r.error] if r.error else []) + r.crashes]
    good = [r for r in results if not r.error]
    for r in good:
        out_lang = lang or r.lang
        if not quiet:
            for w in r.warnings:
                _echo(f"{_say(out_lang, 'warning')}: {_error_text(w, out_lang)}")
        _echo_notes(r, out_lang)
    for err in errors:
        _echo(_error_text(err, lang))
    if not results and not errors and not quiet:
        _echo(f"{_say(lang, 'warning')}: {_error_text(_say(lang, 'none found'), lang)}")

    painted = _color(color, output_file is not None) and fmt == "text"
    # written piece by piece: the text of a long report's findings is never one string
    pieces = _render(fmt, good, results, lang, statistics, painted, quiet, len(errors))
    if output_file is not None:
        try:
            with open(output_file, "w", encoding="utf-8") as fh:
                for piece in pieces:
                    if piece:
                        fh.write(piece + "\n")
        except OSError as exc:
            _fail(f"{output_file}: cannot write ({exc.strerror or exc})", lang)
    else:
        for piece in pieces:
            if piece:
                click.echo(piece, color=painted or None)

    if annotate_to is not None and good:
        from sakiplint.report.annotate import AnnotateError, annotate_docx

        first = good[0]
        try:
            lines = first.document.lines if first.document else []
            annotate_docx(plan.files[0], annotate_to, first.findings, lang or first.lang, lines)
        except AnnotateError as exc:
            _fail(str(exc), lang)

    if errors:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on]
    failed = any(SEVERITY_RANK[f.severity] >= threshold for r in good for f in r.findings)
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


def _echo_notes(r: FileResult, lang: str) -> None:
    from sakiplint.engine.words import phrases, table_note
    from sakiplint.report.common import safe

    for n in r.notes:
        title = phrases(n.table, lang)
        if n.skipped:
            line = f"{r.path}:{n.line}: {_say(lang, 'table skipped')}: {table_note(n.note, lang)}"
        else:
            line = f"{r.path}:{n.line}: {title}: {table_note(n.note, lang)}"
        click.echo(safe(line), err=True)


def _render(
    fmt: str, good: list[FileResult], results: list[FileResult], lang: str | None,
    statistics: bool, color: bool, quiet: bool, unreadable: int,
) -> Iterator[str]:
    """The output in pieces, each written followed by a newline: the text format a few
    thousand lines at a time, the others whole."""
    out = [(r.document, r.path, r.findings) for r in good]
    langs: str | dict[str, str] = lang or {r.path: r.lang for r in good}
    if statistics:
        from sakiplint.report.text import render_statistics

        yield render_statistics(out, "json" if fmt == "json" else "text")
    elif fmt == "text":
        from sakiplint.report.text import iter_text

        batch: list[str] = []
        for line in iter_text(out, langs, color=color, quiet=quiet, unreadable=unreadable):
            batch.append(line)
            if len(batch) >= 2000:
                yield "\n".join(batch)
                batch = []
        if batch:
            yield "\n".join(batch)
    else:
        yield _render_whole(fmt, out, langs, good, results)


def _render_whole(
    fmt: str, out: Results, langs: str | dict[str, str], good: list[FileResult],
    results: list[FileResult],
) -> str:
    """Every format but text, as one string."""
    from sakiplint.engine.suppress import UNUSED_CODE, UNUSED_RULE

    if fmt == "json":
        from sakiplint.report.jsonout import render_json

        return render_json(out, langs, _agencies(good))
    if fmt == "sarif":
        from sakiplint.report.sarif import render_sarif

        rules: dict[str, Rule] = {}
        effs = [r.settings for r in results if r.settings is not None]
        for e in dict.fromkeys(effs):
            for rule in e.rules():
                rules.setdefault(rule.code, rule)
        if any(e.report_unused for e in effs) or any(
            f.rule == UNUSED_CODE for r in good for f in r.findings
        ):
            rules.setdefault(UNUSED_CODE, UNUSED_RULE)
        return render_sarif(out, langs, rules.values())
    if fmt == "github":
        from sakiplint.report.github import render_github

        return render_github(out, langs)
    if fmt == "gitlab":
        from sakiplint.report.gitlab import render_gitlab

        return render_gitlab(out, langs)
    if fmt == "junit":
        from sakiplint.report.junit import render_junit

        return render_junit(out, langs)
    if fmt == "html":
        from sakiplint.report.html import render_html

        return render_html(out, langs, _agencies(good))
    raise ValueError(f"unknown format {fmt!r}")


def _agencies(results: list[FileResult]) -> dict[str, dict[str, Any]]:
    """The configured agency of each file that has one (``meta`` of the JSON and HTML)."""
    return {r.path: {"agency": r.settings.agency} for r in results
            if r.settings is not None and r.settings.agency}


def _show_settings(plan: Any, resolver: Resolver, paths: tuple[str, ...], fmt: str) -> None:
    """The resolved configuration of the first file (or of the first path given)."""
    from sakiplint.engine.api import settings_dict

    target = plan.files[0] if plan.files else paths[0]
    eff = plan.settings[0] if plan.settings else resolver.for_file(Path(target))
    where = Path(target) if Path(target).is_dir() else Path(target).absolute().parent
    data = settings_dict(target, eff, resolver.file_settings(where.absolute()))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out = [f"# {data['path']}", f"# config-file = {json.dumps(data['config-file'])}"]
    for key, value in data.items():
        if key in ("path", "config-file"):
            continue
        if value is None:
            continue
        if isinstance(value, dict):
            inner = ", ".join(f"{k} = {json.dumps(v)}" for k, v in value.items())
            out.append(f"{key} = {{ {inner} }}")
        else:
            out.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    click.echo("\n".join(out))


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--no-cells", is_flag=True, help="Only captions, line ranges and column roles.")
@_lang_option("id")
def tables(path: str, fmt: str, no_cells: bool, lang: str) -> None:
    """Show what the parser understood: captions, line ranges, column roles, cells."""
    from sakiplint.engine.api import internal_error
    from sakiplint.read.load import load_document
    from sakiplint.report.tables import render_tables_json, render_tables_text

    try:
        doc = load_document(path)
        text = (render_tables_json(doc) if fmt == "json"
                else render_tables_text(doc, not no_cells, lang))
    except InputError as exc:
        _fail(str(exc), lang)
    except Exception as exc:  # a reader's bug: one line, not a traceback
        _fail(internal_error(path, "while reading", exc), lang)
    click.echo(text)


def _registry(
    config_file: str | None, isolated: bool, lang: str | None = None,
    rule_packs: tuple[str, ...] = (),
) -> tuple[dict[str, Rule], tuple[str, ...]]:
    """All rules, with the (trusted) rule packs of the configuration that applies here (cwd)
    and of the command line; and the pack directories."""
    resolver = _resolver(config_file, isolated, Config(rule_packs=_packs(rule_packs)), lang)
    try:
        packs = resolver.packs(resolver.config_for(Path.cwd()))
        _say_warnings(resolver, lang)
        return rule_registry(packs), packs
    except (RulePackError, ConfigError) as exc:
        _say_warnings(resolver, lang)
        _fail(str(exc), lang)


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@_config_option
@_isolated_option
@_rule_pack_option
def rules_cmd(fmt: str, lang: str, config_file: str | None, isolated: bool,
              rule_packs: tuple[str, ...]) -> None:
    """List the rules."""
    rules = list(_registry(config_file, isolated, lang, rule_packs)[0].values())
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
@_rule_pack_option
def explain(code: str, lang: str, config_file: str | None, isolated: bool,
            rule_packs: tuple[str, ...]) -> None:
    """Explain a rule: what it checks, why, and its examples with their findings."""
    from sakiplint.engine.suppress import UNUSED_RULE

    found, packs = _registry(config_file, isolated, lang, rule_packs)
    registry = dict(found)
    registry.setdefault(UNUSED_RULE.code, UNUSED_RULE)
    rule = registry.get(code.strip().upper()) or next(
        (r for r in registry.values() if r.slug == code.strip().lower()), None)
    if rule is None:
        _fail(f"unknown rule code: {code}", lang)
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
            _fail(res.error, lang)
        if not res.findings:
            out += ["", f"  {lab['findings']}: {lab['none']}"]
            continue
        out += ["", f"  {lab['findings']}:"]
        for f in res.findings:
            out.append(f"    {f.line}:{f.column}: {f.rule} {f.message(lang)}")
            if f.expected is not None:
                out.append(f"      {lab['expected']}: {f.expected_text(lang)}")
    click.echo("\n".join(out))


@main.command()
@click.argument("which", type=click.Choice(["output", "config"]), default="output")
def schema(which: str) -> None:
    """Print a JSON Schema: of `check --format json` (output) or of the configuration."""
    from sakiplint.report.jsonout import output_schema

    click.echo(json.dumps(output_schema() if which == "output" else config_schema(), indent=2))


_TIMEFRAME = {
    "id": {"year": "tahun laporan", "evidence": "bukti: baris", "period": "periode Renstra",
           "annex": "lampiran mulai baris", "signed": "ditandatangani", "in_annex": "lampiran"},
    "en": {"year": "report year", "evidence": "evidence: line", "period": "Renstra period",
           "annex": "annex starts on line", "signed": "signed", "in_annex": "annex"},
}


@main.command(name="timeframe")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@_lang_option("id")
@_config_option
@_isolated_option
def timeframe_cmd(path: str, fmt: str, lang: str, config_file: str | None,
                  isolated: bool) -> None:
    """Show the report's time frame: its year, plan periods and signature dates."""
    from sakiplint.engine.api import internal_error
    from sakiplint.engine.lint import apply_overrides
    from sakiplint.engine.words import DOCUMENTS, PLANS, YEAR_SOURCES, word
    from sakiplint.facts.timeframe import timeframe
    from sakiplint.read.load import load_document
    from sakiplint.report.common import safe, safe_path, unsurrogate

    resolver = _resolver(config_file, isolated, lang=lang)
    try:
        eff = resolver.for_file(Path(path))
        _say_warnings(resolver, lang)
        doc = load_document(path)
        apply_overrides(doc, eff.report_year, eff.renstra_period)
        data = timeframe(doc).to_json()
    except (InputError, ConfigError, RulePackError) as exc:
        _fail(str(exc), lang)
    except Exception as exc:  # a reader's bug: one line, not a traceback
        _fail(internal_error(path, "while reading", exc), lang)
    if fmt == "json":
        click.echo(json.dumps({"path": unsurrogate(path), **data}, indent=2,
                              ensure_ascii=False))
        return
    lab = _TIMEFRAME[lang]
    out = [f"{safe_path(path)}: {lab['year']} {data['report_year'] or '?'} "
           f"({word(YEAR_SOURCES, data['report_year_source'], lang)})"]
    out += [f"  {lab['evidence']} {e['line']}: {e['text']}" for e in data["report_year_evidence"]]
    rp = data["renstra_period"]
    out.append(f"  {lab['period']}: {rp[0]}-{rp[1]}" if rp else f"  {lab['period']}: ?")
    out += [f"  {p['line']}:{p['column']}: {word(PLANS, p['plan'], lang)} {p['period']}"
            for p in data["plan_periods"]]
    if data["annex_line"]:
        out.append(f"  {lab['annex']} {data['annex_line']}")
    for sig in data["signatures"]:
        what = word(DOCUMENTS, sig["document"], lang) + (
            f" {sig['document_year']}" if sig["document_year"] else "")
        if sig["period"]:
            what += f" {sig['period']}"
        out.append(f"  {sig['line']}:{sig['column']}: {lab['signed']} {sig['date']} "
                   f"({sig['iso']}): {what}" + (f" [{lab['in_annex']}]" if sig["annex"] else ""))
    click.echo("\n".join(out[:1] + [safe(line) for line in out[1:]]))


if __name__ == "__main__":  # pragma: no cover
    main()
