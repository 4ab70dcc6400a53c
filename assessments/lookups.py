"""A lookup of our own: a list of ids as one array parameter on PostgreSQL (issue 8)."""

from django.core.exceptions import EmptyResultSet
from django.db.models import Field, ForeignObject
from django.db.models.lookups import In


class AnyOf(In):
    """`field__any_of=ids`: the rows whose field is one of these integer ids.

    SQLite gets `field IN (%s, %s, …)`, as with `__in`. PostgreSQL gets `field = ANY(%s)`
    with the ids as one array parameter: the SQL is the same text whatever the number of
    ids, so Django builds one placeholder instead of one per id, psycopg splits the text
    once (it caches it by text), and PostgreSQL parses one literal. The overview of a
    municipality in a hundred partnerships sends lists of a hundred ids and more; as IN
    lists, building and sending them grew with the size of the municipality.

    Pass a set (or frozenset): Django resolves the items of a list or tuple one by one
    before any lookup sees them, which is the cost this lookup is for."""

    lookup_name = "any_of"

    def get_prep_lookup(self):
        if isinstance(self.rhs, (str, bytes)) or not hasattr(self.rhs, "__iter__"):
            raise TypeError("any_of takes a collection of ids, not a query or expression.")
        return sorted({int(value) for value in self.rhs})

    def as_postgresql(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet
        lhs, lhs_params = self.process_lhs(compiler, connection)
        db_type = self.lhs.output_field.db_type(connection)
        # An array literal as text, cast by PostgreSQL: psycopg's own list adaptation dumps
        # item by item in Python.
        literal = "{" + ",".join(map(str, self.rhs)) + "}"
        return f"{lhs} = ANY(%s::{db_type}[])", (*lhs_params, literal)


Field.register_lookup(AnyOf)
# Relation fields take their lookups from ForeignObject on, not from Field: `round_id__any_of`.
ForeignObject.register_lookup(AnyOf)
