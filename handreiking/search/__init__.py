"""Dutch search over published chapters, on PostgreSQL and on SQLite alike.

- `text`: words, Dutch Snowball stems, stop words, snippets and escaped highlights.
- `backends`: one object per database, chosen once: PostgreSQL full-text search with the
  `dutch` configuration on a stored, GIN-indexed tsvector (title A, heading B, body C) and
  pg_trgm for close spellings; SQLite FTS5 over Snowball-stemmed text, ranked with bm25.
- `index`: the search documents of a chapter, rewritten by the chapter write path.
- `query`: a query in three plain steps: expand (vocabulary), rank (backend), present.
"""

from handreiking.search.index import index_chapter
from handreiking.search.query import SearchOutcome, search
from handreiking.search.text import MAX_QUERY_LENGTH

__all__ = ["MAX_QUERY_LENGTH", "SearchOutcome", "index_chapter", "search"]
