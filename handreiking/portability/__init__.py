"""The handreiking's content as one JSON document, out and back in.

`export_content` writes everything editors, reviewers and HR made (chapters with their full
history, former addresses, retired anchors, change notes, every revision with its steps through
review, HR's onboarding material, images, and the editors' search settings); `import_content`
puts such a document into a database without content, through the chapter write path so every
derived field (HTML, table of contents, sections, readability, search index, content version)
is made again, and then puts back what that write path would otherwise stamp anew (dates,
addresses, anchors). Two things do not come along as they were: an approval (a revision that
arrives approved or scheduled is back in review, `portability.revisions`) and an image's
metadata (images pass the upload's check, `portability.images`). Reflections, accounts and
search statistics are not content and stay out of it. Format version 1 (one draft per chapter,
before revisions) is still read.
"""

from handreiking.portability.document import FORMAT, FORMAT_VERSION, PortabilityError
from handreiking.portability.export import export_content
from handreiking.portability.restore import ImportSummary, delete_content, import_content

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "ImportSummary",
    "PortabilityError",
    "delete_content",
    "export_content",
    "import_content",
]
