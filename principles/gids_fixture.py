"""The parsed Gids (principles.gids_source) as Django fixture rows: natural keys only (no
pks), parents before children, as ``manage.py build_gids_fixture`` writes them."""

from __future__ import annotations

from .gids_source import GidsSource, ItemSource


def fixture_objects(gids: GidsSource) -> list[dict[str, object]]:
    """Django fixture rows with natural keys only (no pks), parents before children."""
    slug = str(gids.framework["slug"])
    rows: list[dict[str, object]] = [{"model": "principles.framework", "fields": gids.framework}]
    for part in gids.parts:
        rows.append(
            {
                "model": "principles.part",
                "fields": {
                    "framework": [slug],
                    "code": part.code,
                    "title": part.title,
                    "introduction": part.introduction,
                    "note": part.note,
                },
            }
        )
    for actor in gids.actors:
        rows.append(
            {
                "model": "principles.actor",
                "fields": {
                    "framework": [slug],
                    "code": actor.code,
                    "name": actor.name,
                    "order": actor.order,
                    "responsibilities": "\n".join(actor.responsibilities),
                },
            }
        )
    for theme in gids.themes:
        rows.append(
            {
                "model": "principles.theme",
                "fields": {
                    "part": [slug, theme.part],
                    "number": theme.number,
                    "code": theme.code,
                    "kind": theme.kind,
                    "title": theme.title,
                    "statement": theme.statement,
                    "introduction": theme.introduction,
                    "note": theme.note,
                },
            }
        )
    recommendations = [rec for theme in gids.themes for rec in theme.recommendations]
    theme_of = {rec.code: theme.code for theme in gids.themes for rec in theme.recommendations}
    for rec in recommendations:
        rows.append(
            {
                "model": "principles.recommendation",
                "fields": {
                    "theme": [slug, theme_of[rec.code]],
                    "number": rec.number,
                    "code": rec.code,
                    "text": rec.text,
                    "lead_in": rec.lead_in,
                    "refers_to": [slug, rec.refers_to] if rec.refers_to else None,
                    "actors": [[slug, actor] for actor in rec.actors],
                    "note": rec.note,
                },
            }
        )
    for rec in recommendations:
        order = 0
        for item in rec.items:
            order += 1
            rows.append(_item_row(slug, rec.code, item, order, None))
            for child in item.children:
                order += 1
                rows.append(_item_row(slug, rec.code, child, order, item.code))
    return rows


def _item_row(
    slug: str, rec_code: str, item: ItemSource, order: int, parent: str | None
) -> dict[str, object]:
    return {
        "model": "principles.practicalitem",
        "fields": {
            "recommendation": [slug, rec_code],
            "code": item.code,
            "order": order,
            "parent": [slug, parent] if parent else None,
            "text": item.text,
        },
    }
