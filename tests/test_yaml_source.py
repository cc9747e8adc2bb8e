"""What the YAML reader refuses before any content check: it guards every content file."""

from __future__ import annotations

from cxmaturity import yaml_source
from cxmaturity.problems import Problem


def parse(text: str) -> tuple[object, list[Problem]]:
    document, problems = yaml_source.parse(text)
    return (document.data if document else None), problems


def test_lines_are_remembered_for_keys_and_items() -> None:
    document, problems = yaml_source.parse("a: 1\nb:\n  - x: 2\n  - x: 3\n")
    assert problems == []
    assert document is not None
    assert document.line_of(("a",)) == 1
    assert document.line_of(("b", 1, "x")) == 4
    assert document.line_of(("b", 1, "missing")) == 4  # nearest ancestor


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    data, problems = parse("title: one\nother: 2\ntitle: two\n")
    assert data is None
    assert problems == [Problem('duplicate key "title" (first written on line 1)', "", 3)]


def test_duplicate_keys_deep_in_the_document_name_their_path() -> None:
    _, problems = parse("levels:\n  - fr: a\n    fr: b\n")
    assert problems == [Problem('duplicate key "fr" (first written on line 2)', "levels[0]", 3)]


def test_aliases_are_refused_so_alias_bombs_cannot_expand() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    data, [problem] = parse(bomb)
    assert data is None
    assert "aliases (*name) are not allowed" in problem.message
    assert problem.line == 2


def test_deep_nesting_is_refused() -> None:
    depth = yaml_source.MAX_DEPTH + 5
    data, [problem] = parse("[" * depth + "]" * depth)
    assert data is None
    assert f"nesting deeper than {yaml_source.MAX_DEPTH} levels" in problem.message


def test_empty_document() -> None:
    assert parse("") == (None, [Problem("the file is empty")])
    assert parse("# only a comment\n") == (None, [Problem("the file is empty")])


def test_syntax_error_has_line_and_column() -> None:
    _, [problem] = parse("a: 1\nb: [2\nc: 3\n")
    assert problem.message.startswith("YAML syntax: ")
    assert problem.where.startswith("column ")
    assert problem.line is not None and problem.line >= 2


def test_non_utf8_bytes_name_the_line() -> None:
    text, [problem] = yaml_source.decode(b"a: 1\nb: caf\xe9\n")
    assert text is None
    assert problem == Problem("not valid UTF-8 (byte 0xe9)", line=2)


def test_utf8_bom_is_accepted() -> None:
    text, problems = yaml_source.decode("\ufeffa: é\n".encode())
    assert (text, problems) == ("a: é\n", [])


def test_oversized_input_is_refused_before_parsing() -> None:
    text, [problem] = yaml_source.decode(b"#" * (yaml_source.MAX_BYTES + 1))
    assert text is None
    assert "the limit is 1,000,000" in problem.message


def test_control_characters_name_the_line() -> None:
    """Found by fuzzing: PyYAML refuses them while reading ahead, before any mark exists."""
    for text, expected in [
        ("\x00", Problem("character U+0000 is not allowed", line=1)),
        ("a: 1\nb: x\x07y\n", Problem("character U+0007 is not allowed", line=2)),
    ]:
        source, problems = yaml_source.parse(text)
        assert (source, problems) == (None, [expected])
