"""The handreiking's content as one JSON document, out and back in.

`export_content` writes everything editors, reviewers and HR made (chapters with their full
history, former addresses, retired anchors, change notes, every revision with its steps through
review, HR's onboarding material, images, and the editors' search settings); `import_content`
puts such a document into a database without content, through the chapter write path so every
derived field (HTML, table of contents, sections, readability, search index, content version)
is made again, and then puts back what that write path would otherwise stamp anew (dates,
addresses, anchors). A file is a claim, not an approval (`portability.revisions`): the live text
of each chapter is what readers see, because the operator imported it (a step in its audit trail
says so, and a file whose chapter text is not its live revision's is refused); nothing else can
go live without a colleague here approving it (an approval or schedule goes back to review, what
only review or publication gives is dropped from open work, a publication the live text does not
build on is withdrawn, each with a step that says what was dropped). Images are stored as an
upload stores them, re-encoded, and one that is not the type the file says is refused
(`portability.images`). Reflections, accounts and search statistics are not content and stay
out of it. Format version 1 (one draft per chapter, before revisions) is still read.
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
