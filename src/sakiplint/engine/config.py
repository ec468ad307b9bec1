"""Configuration: ``[tool.sakiplint]`` in ``pyproject.toml`` or a ``.sakiplint.toml``.

Configuration files are found by walking up from each linted file; the nearest wins, and in
one directory ``.sakiplint.toml`` beats ``pyproject.toml`` (a ``pyproject.toml`` without a
``[tool.sakiplint]`` table is passed over). The walk stops at the root of the repository (a
folder with ``.git``) or at the user's home, and never reads a folder anyone may write to
(``/tmp``). Files are validated against ``schemas/config.schema.json``.

Configuration is data: it cannot make sakiplint run code. The ``rule-packs`` a configuration
file names are loaded only when the user trusts them: named on the command line
(``--rule-pack``) or listed in ``trusted-rule-packs`` of the user's own configuration
(:func:`user_config_path`); otherwise they are passed over with a warning.

Rule selection is layered as in ruff: start from the rules that are on by default, then for
the configuration file and then the command line, in that order: ``select`` (if given)
replaces the set, ``extend-select`` and ``enable`` add to it, ``ignore`` removes from it.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakiplint.engine.findings import CATEGORIES
from sakiplint.engine.rules import Rule, RulePackError, Settings, add_rules, all_rules, load_pack

if TYPE_CHECKING:
    from sakiplint.engine.files import FileSettings

CONFIG_NAMES = (".sakiplint.toml", "pyproject.toml")
_NAMES = frozenset(CONFIG_NAMES)


class ConfigError(Exception):
    """An invalid configuration file or selector (the CLI exits with 2)."""


@cache
def config_schema() -> dict[str, Any]:
    return json.loads(
        (Path(__file__).parent / "schemas" / "config.schema.json").read_text("utf-8")
    )


@dataclass(frozen=True, slots=True)
class Config:
    """One configuration layer (a file, or the command line)."""

    path: Path | None = None                 # the file it came from (None: defaults / CLI)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    tolerance: Decimal | None = None
    lang: str | None = None
    lower_is_better: tuple[str, ...] = ()
    agency: str | None = None
    report_year: int | None = None
    renstra_period: tuple[int, int] | None = None
    rule_packs: tuple[str, ...] = ()          # absolute directories
    report_unused_suppressions: bool | None = None
    exclude: tuple[str, ...] | None = None    # None: the defaults (engine.files)
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None

    def error(self, key: str, message: str) -> ConfigError:
        if self.path is None:
            return ConfigError(f"{message} in --{key}")
        return ConfigError(f"{self.path}: {message} in '{key}'")


EMPTY = Config()


# --------------------------------------------------------------------------- reading

def _validate(data: dict[str, Any], where: Path) -> None:
    import jsonschema

    schema = config_schema()
    known = list(schema["properties"])
    for key in data:
        if key not in known:
            import difflib

            near = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.path])
    if errors:
        err = errors[0]
        key = ".".join(str(p) for p in err.path) or "(top)"
        raise ConfigError(f"{where}: key '{key}': {err.message}")


def parse_config(data: dict[str, Any], where: Path) -> Config:
    """Validate a configuration table and turn it into a :class:`Config`."""
    _validate(data, where)
    base = where.parent
    tol = data.get("tolerance")
    packs = tuple(str((base / p).resolve()) for p in data.get("rule-packs", ()))
    return Config(
        path=where,
        select=tuple(data["select"]) if "select" in data else None,
        extend_select=tuple(data.get("extend-select", ())),
        ignore=tuple(data.get("ignore", ())),
        enable=tuple(data.get("enable", ())),
        severity=tuple(data.get("severity", {}).items()),
        tolerance=Decimal(str(tol)) if tol is not None else None,
        lang=data.get("lang"),
        lower_is_better=tuple(data.get("lower-is-better", ())),
        agency=data.get("agency"),
        report_year=data.get("report-year"),
        renstra_period=tuple(data["renstra-period"]) if "renstra-period" in data else None,
        rule_packs=packs,
        report_unused_suppressions=data.get("report-unused-suppressions"),
        exclude=tuple(data["exclude"]) if "exclude" in data else None,
        extend_exclude=tuple(data.get("extend-exclude", ())),
        respect_gitignore=data.get("respect-gitignore"),
    )


#: no configuration is larger; a larger file (or a FIFO, a device) is not read
MAX_CONFIG_BYTES = 1 << 20


class UnreadableConfig(ConfigError):
    """A configuration file that exists but cannot be read (permissions, not a file)."""


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    from sakiplint.read.source import InputError, read_bytes

    try:
        data = read_bytes(path, MAX_CONFIG_BYTES)
    except InputError as exc:
        if not os.path.lexists(path):
            raise ConfigError(f"{path}: no such configuration file") from None
        raise UnreadableConfig(str(exc).replace(f"{path}: ", f"{path}: cannot read: ", 1)
                               ) from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _table_of(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The sakiplint table of a file: ``[tool.sakiplint]`` in pyproject.toml, else the top."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool", {})
    table = tool.get("sakiplint") if isinstance(tool, dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError(f"{path}: key 'tool.sakiplint' must be a table")
    return table


def load_config(path: Path) -> Config:
    """Load a configuration file named explicitly (``--config``): a pyproject.toml without
    ``[tool.sakiplint]`` is an empty configuration."""
    path = path.resolve()
    table = _table_of(path, _read_toml(path))
    return parse_config(table or {}, path)


Warn = Callable[[str], None]


def _config_in(directory: Path, warn: Warn | None = None) -> Config | None:
    """The configuration of one folder. A file that exists but cannot be read is said (to
    ``warn``) and passed over: the next name, then the folders above, are tried."""
    for name in CONFIG_NAMES:
        p = directory / name
        try:
            if not os.path.lexists(p):
                continue
            table = _table_of(p, _read_toml(p))
        except UnreadableConfig as exc:
            if warn is None:
                raise
            warn(f"{exc}; going on without it")
            continue
        if table is not None:
            return parse_config(table, p)
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):
        return None


def _shared(directory: Path) -> bool:
    """A folder anyone may write to (``/tmp``): a file there may be anybody's."""
    if sys.platform == "win32":
        return False
    try:
        return bool(os.stat(directory).st_mode & stat.S_IWOTH)
    except OSError:
        return True


def find_config(
    path: Path, seen: dict[Path, Config | None] | None = None, warn: Warn | None = None,
) -> Config | None:
    """The nearest configuration of a file (or directory), walking up to the root of its
    repository (a folder with ``.git``), the user's home or a folder anyone may write to
    (not read), whichever comes first. ``seen``: a cache of directories already looked at
    (one per run); ``warn``: told about configuration files passed over."""
    seen = {} if seen is None else seen
    p = path.resolve()
    start = p if p.is_dir() else p.parent
    home = _home()
    walked: list[Path] = []
    found: Config | None = None
    for d in (start, *start.parents):
        if d in seen:
            found = seen[d]
            break
        repo = os.path.lexists(d / ".git")
        if not repo and d != home and _shared(d):
            if warn is not None and any(os.path.lexists(d / n) for n in CONFIG_NAMES):
                warn(f"{d}: configuration not read: anyone may write to this folder")
            break
        walked.append(d)
        found = _config_in(d, warn)
        if found is not None or repo or d == home:
            break
    for d in walked:
        seen[d] = found
    return found


# --------------------------------------------------------------------------- user level

def user_config_path() -> Path:
    """The user's own configuration: ``$XDG_CONFIG_HOME/sakiplint/config.toml`` (by default
    ``~/.config/sakiplint/config.toml``; ``%APPDATA%\\sakiplint\\config.toml`` on Windows).
    Only this file can trust rule packs (``trusted-rule-packs``)."""
    base = os.environ.get("XDG_CONFIG_HOME")
    if not base and sys.platform == "win32":
        base = os.environ.get("APPDATA")
    if not base:
        base = os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "sakiplint" / "config.toml"


USER_KEYS = ("trusted-rule-packs",)


def trusted_rule_packs(path: Path | None = None) -> frozenset[str]:
    """The rule pack directories the user's configuration trusts (absolute; a relative one
    is relative to that file, ``~`` is the home). No file: none."""
    path = path or user_config_path()
    if not os.path.lexists(path):
        return frozenset()
    data = _read_toml(path)
    for key in data:
        if key not in USER_KEYS:
            raise ConfigError(f"{path}: unknown key '{key}' (the user configuration holds "
                              f"only {', '.join(USER_KEYS)})")
    packs = data.get("trusted-rule-packs", [])
    if not isinstance(packs, list) or not all(isinstance(x, str) and x for x in packs):
        raise ConfigError(f"{path}: key 'trusted-rule-packs' must be a list of folders")
    return frozenset(str((path.parent / Path(x).expanduser()).resolve()) for x in packs)


# --------------------------------------------------------------------------- rules

@cache
def rule_registry(packs: tuple[str, ...] = ()) -> dict[str, Rule]:
    """All rules by code: built-in, plug-ins and the given pack directories."""
    reg = {r.code: r for r in all_rules()}
    for d in packs:
        p = Path(d)
        if not p.is_dir():
            raise RulePackError(f"{p}: rule pack directory not found")
        if d not in sys.path:  # a pack may bring its own check module: after everything
            sys.path.append(d)  # else, so that it cannot stand in for another module
        add_rules(reg, load_pack(p, origin=str(p)))
    return dict(sorted(reg.items()))


def _norm_category(s: str) -> str:
    return s.strip().lower().replace("-", "_")


def selector_matches(selector: str, code: str, slug: str = "", category: str = "") -> bool:
    """A selector is ALL, a category name, a slug, a code or a code prefix."""
    s = selector.strip()
    if not s:
        return False
    if s.upper() == "ALL":
        return True
    if _norm_category(s) in CATEGORIES:
        return _norm_category(s) == category
    if slug and s.lower() == slug:
        return True
    return code.startswith(s.upper())


def _matching(selectors: Iterable[str], rules: list[Rule], key: str, layer: Config) -> set[str]:
    out: set[str] = set()
    for sel in selectors:
        hit = {r.code for r in rules if selector_matches(sel, r.code, r.slug, r.category)}
        if not hit:
            raise layer.error(key, f"unknown rule selector '{sel}'")
        out |= hit
    return out


def select_rules(layers: Iterable[Config], registry: dict[str, Rule]) -> list[Rule]:
    """Apply the selection layers (configuration file, then command line) in order."""
    rules = list(registry.values())
    chosen = {r.code for r in rules if r.enabled_by_default}
    for layer in layers:
        if layer.select is not None:
            chosen = _matching(layer.select, rules, "select", layer)
        chosen |= _matching(layer.extend_select, rules, "extend-select", layer)
        for code in layer.enable:
            if code not in registry:
                raise layer.error("enable", f"unknown rule code '{code}'")
            chosen.add(code)
        chosen -= _matching(layer.ignore, rules, "ignore", layer)
    return [registry[c] for c in sorted(chosen)]


def apply_severity(
    rules: list[Rule], layers: Iterable[Config], registry: dict[str, Rule]
) -> list[Rule]:
    """Rules with their severity overridden; later layers and more specific keys win."""
    overrides: dict[str, str] = {}
    for layer in layers:
        # least specific first, so that a code beats its prefix or category
        items = sorted(layer.severity, key=lambda kv: _specificity(kv[0]))
        for sel, sev in items:
            hit = [r for r in rules if selector_matches(sel, r.code, r.slug, r.category)]
            if not hit and not any(
                selector_matches(sel, r.code, r.slug, r.category) for r in registry.values()
            ):
                raise layer.error("severity", f"unknown rule selector '{sel}'")
            for r in hit:
                overrides[r.code] = sev
    return [replace(r, severity=overrides[r.code]) if r.code in overrides else r for r in rules]


def _specificity(sel: str) -> int:
    if sel.upper() == "ALL":
        return 0
    if _norm_category(sel) in CATEGORIES:
        return 1
    return 2 + len(sel)


# --------------------------------------------------------------------------- effective

@dataclass(frozen=True, slots=True)
class Effective:
    """What linting one file needs, picklable (for ``--jobs``)."""

    codes: tuple[str, ...]
    severity: tuple[tuple[str, str], ...]
    packs: tuple[str, ...] = ()
    tolerance: Decimal | None = None
    lower_is_better: tuple[str, ...] = ()
    report_year: int | None = None
    renstra_period: tuple[int, int] | None = None
    agency: str | None = None
    lang: str | None = None
    report_unused: bool = False
    config_path: str | None = None

    def rules(self) -> list[Rule]:
        reg = rule_registry(self.packs)
        sev = dict(self.severity)
        return [
            replace(reg[c], severity=sev[c]) if c in sev and sev[c] != reg[c].severity
            else reg[c]
            for c in self.codes
        ]

    def settings(self) -> Settings:
        s = Settings()
        if self.tolerance is not None:
            s.tolerance_scale = self.tolerance
        if self.lower_is_better:
            s.lower_is_better = tuple(p.lower() for p in self.lower_is_better)
        return s


def loaded_packs(cfg: Config | None, cli: Config, trusted: Collection[str] = ()) -> tuple[
        tuple[str, ...], tuple[str, ...]]:
    """(the rule packs loaded, the packs of the file passed over): those of the command line
    and those of the file that are ``trusted`` or named on the command line too."""
    mine = [p for p in (cfg.rule_packs if cfg else ()) if p not in cli.rule_packs]
    return (tuple(dict.fromkeys([*cli.rule_packs, *(p for p in mine if p in trusted)])),
            tuple(p for p in mine if p not in trusted))


def effective(file_cfg: Config | None, cli: Config, trusted: Collection[str] = ()) -> Effective:
    """Combine a file's configuration with the command line options. The file's rule packs
    are loaded only when ``trusted`` (see :func:`loaded_packs`)."""
    cfg = file_cfg or EMPTY
    layers = [cfg, cli]
    packs = loaded_packs(cfg, cli, trusted)[0]
    registry = rule_registry(packs)
    rules = apply_severity(select_rules(layers, registry), layers, registry)
    unused = cli.report_unused_suppressions
    if unused is None:
        unused = bool(cfg.report_unused_suppressions)
    return Effective(
        codes=tuple(r.code for r in rules),
        severity=tuple((r.code, r.severity) for r in rules),
        packs=packs,
        tolerance=cli.tolerance if cli.tolerance is not None else cfg.tolerance,
        lower_is_better=cfg.lower_is_better + cli.lower_is_better,
        report_year=cli.report_year or cfg.report_year,
        renstra_period=cli.renstra_period or cfg.renstra_period,
        agency=cli.agency or cfg.agency,
        lang=cli.lang or cfg.lang,
        report_unused=unused,
        config_path=str(cfg.path) if cfg.path else None,
    )


@dataclass(slots=True)
class Resolver:
    """Which configuration applies to each file, given ``--config`` / ``--isolated``; and
    the rule packs the user trusts (``--isolated``: none but the command line's).
    ``warnings``: configuration passed over (said once each)."""

    cli: Config = EMPTY
    config_file: Path | None = None
    isolated: bool = False
    _cache: dict[str | None, Effective] = field(default_factory=dict)
    _dirs: dict[Path, Config | None] = field(default_factory=dict)
    _explicit: Config | None = None
    _files: dict[str | None, FileSettings] = field(default_factory=dict)
    _trusted: frozenset[str] | None = None
    warnings: dict[str, None] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        self.warnings.setdefault(message, None)

    def trusted(self) -> frozenset[str]:
        if self._trusted is None:
            self._trusted = frozenset() if self.isolated else trusted_rule_packs()
        return self._trusted

    def config_for(self, path: Path) -> Config | None:
        if self.isolated:
            return None
        if self.config_file is not None:
            if self._explicit is None:
                self._explicit = load_config(self.config_file)
            return self._explicit
        return find_config(path, self._dirs, self.warn)

    def packs(self, cfg: Config | None) -> tuple[str, ...]:
        """The rule packs loaded with ``cfg``; its untrusted ones are said."""
        loaded, passed = loaded_packs(cfg, self.cli, self.trusted())
        for p in passed:
            self.warn(f"{cfg.path if cfg else '?'}: rule pack {p} not loaded (a configuration "
                      f"file cannot run code): trust it with --rule-pack {p} or in "
                      f"trusted-rule-packs of {user_config_path()}")
        return loaded

    # the scopes of a folder walk (engine.files.Scopes): a folder's configuration is its own
    # file's when its listing has one, else its parent's; found once per folder, no lookups
    def scope_top(self, directory: Path) -> Config | None:
        return self.config_for(directory)

    def scope_child(
        self, directory: Path, parent: Config | None, names: frozenset[str]
    ) -> Config | None:
        if self.isolated or self.config_file is not None or not names & _NAMES:
            return parent
        own = _config_in(directory, self.warn)
        return own if own is not None else parent

    def scope_files(self, cfg: Config | None) -> FileSettings:
        """Which files of a folder are linted: the exclusions and ``.gitignore`` choice of
        its configuration, then of the command line (whose relative patterns are relative to
        the working directory)."""
        from sakiplint.engine.files import DEFAULT_EXCLUDE, file_settings

        key = str(cfg.path) if cfg and cfg.path else None
        if key in self._files:
            return self._files[key]
        cwd = Path.cwd()
        base = cfg.path.parent if cfg and cfg.path else cwd
        patterns: list[tuple[Path, str]]
        if self.cli.exclude is not None:
            patterns = [(cwd, p) for p in self.cli.exclude]
        elif cfg is not None and cfg.exclude is not None:
            patterns = [(base, p) for p in cfg.exclude]
        else:
            patterns = [(cwd, p) for p in DEFAULT_EXCLUDE]
        if cfg is not None:
            patterns += [(base, p) for p in cfg.extend_exclude]
        patterns += [(cwd, p) for p in self.cli.extend_exclude]
        respect = self.cli.respect_gitignore
        if respect is None:
            respect = cfg.respect_gitignore if cfg and cfg.respect_gitignore is not None else True
        self._files[key] = settings = file_settings(patterns, respect)
        return settings

    def file_settings(self, directory: Path) -> FileSettings:
        """The file settings of the configuration that applies in ``directory``."""
        return self.scope_files(self.config_for(directory))

    def effective_of(self, cfg: Config | None) -> Effective:
        key = str(cfg.path) if cfg and cfg.path else None
        if key not in self._cache:
            self.packs(cfg)
            self._cache[key] = effective(cfg, self.cli, self.trusted())
        return self._cache[key]

    def for_file(self, path: Path) -> Effective:
        return self.effective_of(self.config_for(path))
