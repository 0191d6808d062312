"""Dutch search over published chapters, the same on PostgreSQL and on SQLite.

- `text`: words, accent folding, Dutch Snowball stems, stop words, snippets, escaped highlights.
- `backends`: one object per database: the index it keeps (a weighted tsvector through an
  `unaccent` configuration on PostgreSQL, FTS5 on SQLite, both filled by trigger from the stems
  `text` made) and the candidates it returns.
- `index`: the search documents and words of a chapter, rewritten by the chapter write path.
- `vocabulary`, `thesaurus`, `snapshot`: the published words and the editors' synonyms and best
  answers, in memory per content version.
- `glossary`: built-in synonym groups written from the handreiking's own words.
- `lexicon`: general Dutch and English word frequencies (wordfreq): how ordinary a word is.
- `analysis`: a query as units of meaning (forms, synonyms, compounds, parts, spelling), with
  `compounds` splitting words against the text and against general Dutch.
- `ranking`: which candidates answer, best first, and a second pass for part of a question;
  shared, so both databases agree. `contact`: who to ask when nothing answers.
- `query`: the steps of one search; `misses`: weekly counts of what readers could not find.
"""

from handreiking.search.index import index_chapter
from handreiking.search.misses import purge_misses
from handreiking.search.query import SearchOutcome, search
from handreiking.search.text import MAX_QUERY_LENGTH

__all__ = ["MAX_QUERY_LENGTH", "SearchOutcome", "index_chapter", "purge_misses", "search"]
