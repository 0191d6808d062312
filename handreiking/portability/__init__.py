"""The handreiking's content as one JSON document, out and back in.

`export_content` writes everything editors, reviewers of drafts and HR made (chapters with their
full history, former addresses, retired anchors, change notes and drafts, HR's onboarding
material, images, and the editors' search settings); `import_content` puts such a document into
a database without content, through the chapter write path so every derived field (HTML, table
of contents, sections, readability, search index, content version) is made again, and then puts
back what that write path would otherwise stamp anew (dates, addresses, anchors). Reflections,
accounts and search statistics are not content and stay out of it.
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
