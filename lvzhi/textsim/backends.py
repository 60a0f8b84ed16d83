"""One full-text interface, two implementations: SQLite FTS5 and PostgreSQL tsvector.

Both index the jieba tokens of ``SearchEntry`` (space-separated), so Chinese works the same
way on both: FTS5's ``unicode61`` tokenizer and PostgreSQL's ``simple`` configuration only
split on the spaces we put in. The title is a second column weighted 3x (bm25 / setweight A).
Candidates come back as ``(entry_id, rank)``; permission filtering happens in the ORM after.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from django.db import connection

# The SQL below interpolates only the constant table name; every value is a bound parameter.
# ruff: noqa: S608

FTS_TABLE = "textsim_fts"
TITLE_WEIGHT = 3.0

SQLITE_CREATE = f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title_tokens, tokens)"
SQLITE_DROP = f"DROP TABLE IF EXISTS {FTS_TABLE}"
PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS textsim_searchentry_tsv ON textsim_searchentry USING GIN "
    "((setweight(to_tsvector('simple', title_tokens), 'A') || to_tsvector('simple', tokens)))"
)
PG_DROP = "DROP INDEX IF EXISTS textsim_searchentry_tsv"
_PG_VECTOR = "(setweight(to_tsvector('simple', title_tokens), 'A') || to_tsvector('simple', tokens))"
# Ranking reads the vector of every matching row: stored once per row (a generated column) it is
# read, not re-parsed from the tokens on every search (70 ms → a few ms for a common term at
# national scale). Migration 0004 adds it and moves the GIN index onto it.
PG_STORED_CREATE = (
    "ALTER TABLE textsim_searchentry ADD COLUMN IF NOT EXISTS search_vector tsvector "
    f"GENERATED ALWAYS AS {_PG_VECTOR} STORED",
    "CREATE INDEX IF NOT EXISTS textsim_searchentry_vector ON textsim_searchentry USING GIN (search_vector)",
    PG_DROP,
)
PG_STORED_DROP = (
    PG_CREATE,
    "DROP INDEX IF EXISTS textsim_searchentry_vector",
    "ALTER TABLE textsim_searchentry DROP COLUMN IF EXISTS search_vector",
)


class SearchBackend(Protocol):
    name: str

    def upsert(self, rows: Sequence[tuple[int, str, str]]) -> None:
        """(entry_id, title_tokens, tokens) rows to (re)index."""

    def delete(self, entry_ids: Iterable[int]) -> None: ...

    def clear(self) -> None: ...

    def query(self, terms: Sequence[str], *, limit: int, match_all: bool) -> list[tuple[int, float]]:
        """Best entries for the terms, higher rank first."""


def _quote_fts(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SqliteFts5Backend:
    name = "sqlite-fts5"

    def upsert(self, rows: Sequence[tuple[int, str, str]]) -> None:
        if not rows:
            return
        with connection.cursor() as cur:
            cur.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(r[0],) for r in rows])
            cur.executemany(
                f"INSERT INTO {FTS_TABLE}(rowid, title_tokens, tokens) VALUES (%s, %s, %s)", list(rows)
            )

    def delete(self, entry_ids: Iterable[int]) -> None:
        ids = [(i,) for i in entry_ids]
        if ids:
            with connection.cursor() as cur:
                cur.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", ids)

    def clear(self) -> None:
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {FTS_TABLE}")

    def query(self, terms: Sequence[str], *, limit: int, match_all: bool) -> list[tuple[int, float]]:
        if not terms:
            return []
        expr = (" AND " if match_all else " OR ").join(_quote_fts(t) for t in terms)
        sql = (
            f"SELECT rowid, bm25({FTS_TABLE}, %s, 1.0) AS r FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH %s ORDER BY r LIMIT %s"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [TITLE_WEIGHT, expr, limit])
            # bm25() is "lower is better" (negative); flip it so higher is better everywhere.
            return [(int(i), -float(r)) for i, r in cur.fetchall()]


class PostgresBackend:
    """tsvector over the stored tokens: a generated column with a GIN index, kept by PostgreSQL."""

    name = "postgres-tsvector"

    def upsert(self, rows: Sequence[tuple[int, str, str]]) -> None:
        return None  # the expression index follows the row

    def delete(self, entry_ids: Iterable[int]) -> None:
        return None

    def clear(self) -> None:
        return None

    def query(self, terms: Sequence[str], *, limit: int, match_all: bool) -> list[tuple[int, float]]:
        if not terms:
            return []
        # Each term is one lexeme: quote it so tsquery syntax in user input stays literal.
        lexemes = [("'" + t.replace("'", "''").replace("\\", "") + "'") for t in terms]
        tsq = (" & " if match_all else " | ").join(lexemes)
        sql = (
            "SELECT id, ts_rank_cd(search_vector, q) AS r FROM textsim_searchentry, "
            "to_tsquery('simple', %s) q WHERE search_vector @@ q ORDER BY r DESC LIMIT %s"
        )
        with connection.cursor() as cur:
            cur.execute(sql, [tsq, limit])
            return [(int(i), float(r)) for i, r in cur.fetchall()]


def backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SqliteFts5Backend()
