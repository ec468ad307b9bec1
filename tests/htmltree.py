"""Parse an HTML page back with the standard library's ``html.parser`` into a small tree, and
check on the way that it is well formed: every element closed, in order, and none that HTML5
would close implicitly (a block inside ``<p>``, an end tag without its start tag)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
#: elements whose start tag closes an open <p> in HTML5
CLOSES_P = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset",
            "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
            "main", "nav", "ol", "p", "pre", "section", "table", "ul"}


@dataclass(eq=False)
class El:
    tag: str
    attrs: dict[str, str]
    parent: El | None = None
    children: list[El | str] = field(default_factory=list)
    line: int = 0

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, El):
                yield from c.iter()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent


class Malformed(AssertionError):
    pass


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = El("#root", {})
        self.stack = [self.root]
        self.ids: dict[str, int] = {}
        self.doctype = False

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag in CLOSES_P and any(e.tag == "p" for e in self.stack):
            raise Malformed(f"line {line}: <{tag}> inside <p> (HTML5 would close the p)")
        d = {k: v or "" for k, v in attrs}
        if "id" in d:
            if d["id"] in self.ids:
                raise Malformed(f"line {line}: duplicate id {d['id']!r}")
            self.ids[d["id"]] = line
        el = El(tag, d, self.stack[-1], line=line)
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            raise Malformed(f"line {self.getpos()[0]}: self-closing <{tag}/> is not void")
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        line = self.getpos()[0]
        if tag in VOID:
            raise Malformed(f"line {line}: end tag of void element </{tag}>")
        top = self.stack[-1]
        if top.tag != tag:
            raise Malformed(f"line {line}: </{tag}> closes <{top.tag}> of line {top.line}")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_page(page: str) -> El:
    """The page as a tree; raises :class:`Malformed` where it is not well formed."""
    b = _Builder()
    b.feed(page)
    b.close()
    if len(b.stack) != 1:
        raise Malformed("unclosed: " + ", ".join(f"<{e.tag}> line {e.line}" for e in b.stack[1:]))
    if not b.doctype:
        raise Malformed("no <!DOCTYPE html>")
    return b.root
