"""Subqueries of the overview's light query, compiled to SQL once per process.

Building the light query's four correlated subqueries with the ORM and compiling them cost
Django about 5 ms on every request of the overview, more than PostgreSQL takes to run them
for a hundred partnerships. Their text depends only on the code, the schema and the
database backend (and, for the progress, on the organisation, which is part of the key), so
each process compiles a subquery once and every later request adds the same SQL and
parameters to its own queryset as a RawSQL annotation: the queryset that scopes the rows
(the user's partnerships) is still built and compiled per request, through the ORM.

The subqueries refer to the outer row as "partnerships_partnership"."id": the main table of
a Partnership queryset is never aliased, so the text fits any queryset of partnerships.
"""

from collections.abc import Callable, Hashable

from django.db import connections
from django.db.models import Field
from django.db.models.expressions import BaseExpression, RawSQL

from partnerships.models import Partnership

# (database alias, backend, key) -> (SQL, parameters, output field). Bounded: a key per
# subquery, and per organisation for the progress (a few hundred organisations nationally).
_COMPILED: dict[tuple[Hashable, ...], tuple[str, tuple[object, ...], Field[object, object]]] = {}
COMPILED_MAX = 2048


def compiled_subquery(using: str, key: Hashable, build: Callable[[], BaseExpression]) -> RawSQL:
    """The subquery `build()` makes, correlated with the outer partnership, as RawSQL for a
    queryset of partnerships on database `using`; compiled on its first use in the process.

    `key` must tell apart every subquery `build` can return (the same key, the same SQL)."""
    connection = connections[using]
    cache_key = (using, connection.vendor, key)
    found = _COMPILED.get(cache_key)
    if found is None:
        query = Partnership.objects.all().query
        resolved = build().resolve_expression(query)
        sql, params = query.get_compiler(connection=connection).compile(resolved)
        found = (sql, tuple(params), resolved.output_field)
        if len(_COMPILED) >= COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[cache_key] = found  # the same value from any thread: no lock needed
    sql, params, output_field = found
    return RawSQL(sql, params, output_field=output_field)
