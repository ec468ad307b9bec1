"""The command line: a thin layer over lint, engine and output."""

from __future__ import annotations

import json
import sys

import click

from sakiplint import __version__
from sakiplint.engine import Rule, RulePackError, all_rules
from sakiplint.source import InputError, expand_paths, read_source

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"sakiplint: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _select(codes: str | None, rules: tuple[Rule, ...]) -> list[Rule]:
    if not codes:
        return [r for r in rules if r.enabled_by_default]
    wanted = [c.strip().upper() for c in codes.split(",") if c.strip()]
    chosen = [r for r in rules if any(r.code.startswith(w) for w in wanted)]
    unknown = [w for w in wanted if not any(r.code.startswith(w) for r in rules)]
    if unknown:
        _fail(f"unknown rule code(s): {', '.join(unknown)}")
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sakiplint")
def main() -> None:
    """sakiplint: consistency linter for LKjIP / LKj performance reports."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True,
              help="Language of the messages.")
@click.option("--select", "select", default=None, metavar="CODES",
              help="Only these rules (comma-separated codes or prefixes), enabled or not.")
@click.option("-v", "--verbose", is_flag=True, help="Also say which tables were skipped.")
def check(paths: tuple[str, ...], fmt: str, lang: str, select: str | None, verbose: bool) -> None:
    """Lint report files or directories (recursively: .md, .txt)."""
    from sakiplint.lint import lint_source
    from sakiplint.output import render_json, render_text

    try:
        rules = _select(select, all_rules())
        files = expand_paths(list(paths))
        results = []
        for f in files:
            source = read_source(f)
            for w in source.warnings:
                click.echo(f"sakiplint: warning: {w}", err=True)
            doc, findings = lint_source(source, rules)
            if verbose:
                for t in doc.tables:
                    if t.skipped:
                        click.echo(f"{f}:{t.start_line}: tabel dilewati: {t.skipped}", err=True)
                    for note in t.notes:
                        click.echo(f"{f}:{t.start_line}: {t.title}: {note}", err=True)
            results.append((doc, str(f), findings))
    except (InputError, RulePackError) as exc:
        _fail(str(exc))
    if fmt == "json":
        click.echo(render_json(results, lang))
    else:
        click.echo(render_text(results, lang, color=sys.stdout.isatty()))
    sys.exit(EXIT_FOUND if any(fs for _, _, fs in results) else EXIT_OK)


@main.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--no-cells", is_flag=True, help="Only captions, line ranges and column roles.")
def tables(path: str, fmt: str, no_cells: bool) -> None:
    """Show what the parser understood: captions, line ranges, column roles, cells."""
    from sakiplint.output import render_tables_json, render_tables_text
    from sakiplint.parse import parse_document

    try:
        doc = parse_document(read_source(path))
    except InputError as exc:
        _fail(str(exc))
    click.echo(render_tables_json(doc) if fmt == "json" else render_tables_text(doc, not no_cells))


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def rules_cmd(fmt: str, lang: str) -> None:
    """List the rules."""
    try:
        rules = all_rules()
    except RulePackError as exc:
        _fail(str(exc))
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


@main.command()
def schema() -> None:
    """Print the JSON Schema of `check --format json`."""
    from sakiplint.output import output_schema

    click.echo(json.dumps(output_schema(), indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
