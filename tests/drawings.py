"""Reading reportlab drawings back in tests: the strings they hold, where they land."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Group, String, mmult

Affine = tuple[float, float, float, float, float, float]
IDENTITY: Affine = (1, 0, 0, 1, 0, 0)


def placed(drawing: Drawing | Group, transform: Affine = IDENTITY) -> list[tuple[object, Affine]]:
    """Every leaf shape with the transform from its own coordinates to the drawing's."""
    found: list[tuple[object, Affine]] = []
    for shape in drawing.contents:
        if isinstance(shape, Group):
            found += placed(shape, mmult(transform, shape.transform))
        else:
            found.append((shape, transform))
    return found


def strings(drawing: Drawing | Group) -> list[String]:
    return [shape for shape, _ in placed(drawing) if isinstance(shape, String)]
