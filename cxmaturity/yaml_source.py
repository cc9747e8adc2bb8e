"""Read a YAML document safely and remember where each value was written.

Content files are edited by hand, so a problem must point at a line. PyYAML's safe
loader does the parsing; on top of it we refuse what has no place in content (aliases,
which also enable "billion laughs" bombs; absurd nesting; duplicate keys, which PyYAML
would silently resolve to the last one) and keep the line of every key and list item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.nodes import MappingNode, Node, SequenceNode

from cxmaturity.problems import InputError, PathPart, Problem, format_path

MAX_BYTES = 1_000_000
MAX_DEPTH = 40


class _ContentLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the stubs
            raise ComposerError(
                None, None, "aliases (*name) are not allowed in content files", event.start_mark
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise ComposerError(
                    None,
                    None,
                    f"nesting deeper than {MAX_DEPTH} levels",
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                )
            node = super().compose_node(parent, index)  # type: ignore[arg-type]
            if node is None:  # never for a document that parsed; the stubs allow it
                raise ComposerError(None, None, "an empty node", None)
            return node
        finally:
            self._depth -= 1


@dataclass
class YamlSource:
    """A parsed document plus the line (1-based) where each path starts."""

    data: Any
    lines: dict[tuple[PathPart, ...], int] = field(default_factory=dict)

    def line_of(self, path: tuple[PathPart, ...]) -> int | None:
        """The line of `path`, or of its nearest ancestor written in the file."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def problem(self, path: tuple[PathPart, ...], message: str) -> Problem:
        return Problem(message=message, where=format_path(path), line=self.line_of(path))


def read(raw: bytes, source: str) -> YamlSource:
    """Decode and parse `raw`; raises `InputError` naming `source` and every problem."""
    text, problems = decode(raw)
    if text is None:
        raise InputError(source, problems)
    document, problems = parse(text)
    if document is None:
        raise InputError(source, problems)
    return document


def decode(raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text from bytes, or a problem naming the line of the first bad byte."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", line=line)]


def parse(text: str) -> tuple[YamlSource | None, list[Problem]]:
    """Parse one YAML document; problems instead of exceptions."""
    loader = None
    try:
        loader = _ContentLoader(text)  # reads ahead: a control character fails here
        node = loader.get_single_node()
        if node is None:
            return None, [Problem("the file is empty")]
        source = YamlSource(data=None)
        problems: list[Problem] = []
        _index(node, (), source.lines, problems)
        if problems:
            return None, problems
        source.data = loader.construct_document(node)
        return source, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        where = f"column {mark.column + 1}" if mark else ""
        return None, [Problem(f"YAML syntax: {what}", where, mark.line + 1 if mark else None)]
    except yaml.reader.ReaderError as exc:  # a control character: no mark, a position
        line = text[: exc.position].count("\n") + 1
        return None, [Problem(f"character U+{exc.character:04X} is not allowed", line=line)]
    except yaml.YAMLError as exc:
        return None, [Problem(f"YAML syntax: {' '.join(str(exc).split())}")]
    finally:
        if loader is not None:
            loader.dispose()


def _index(
    node: Node,
    path: tuple[PathPart, ...],
    lines: dict[tuple[PathPart, ...], int],
    problems: list[Problem],
) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if not isinstance(key_node, MappingNode | SequenceNode) else None
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(
                    Problem(
                        f'duplicate key "{key}" (first written on line {seen[key]})',
                        format_path(path),
                        line,
                    )
                )
                continue
            seen[key] = line
            child = (*path, str(key))
            lines[child] = line
            _index(value_node, child, lines, problems)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, (*path, i), lines, problems)
