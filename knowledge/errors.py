"""Errors the knowledge library raises; callers at the edge turn them into statuses.

KnowledgeError
 ├── DocumentRejected          the upload cannot become a document (4xx for the uploader)
 │    ├── UnsupportedFileType  not a PDF, Markdown or plain-text file
 │    ├── CorruptDocument      the file claims a type but cannot be read
 │    │    └── EncryptedDocument  a password-protected PDF: upload an unprotected copy
 │    ├── NoExtractableText    nothing to read: a scanned PDF needs OCR first
 │    └── DocumentTooLarge     over the size or page limit
 ├── DocumentNotFound          no document with that id
 ├── InvalidTransition         e.g. approving a retired document
 ├── DifferentDocuments        two ids compared as versions belong to different documents
 └── EmbedderUnavailable       an embedding model cannot run here (e.g. no tokenizer offline)
"""


class KnowledgeError(Exception):
    """Base class of every error raised by the knowledge library."""


class DocumentRejected(KnowledgeError):
    """The uploaded file cannot become a document; the message says what to fix."""


class UnsupportedFileType(DocumentRejected):
    """The file is not a PDF, Markdown or plain-text document."""


class CorruptDocument(DocumentRejected):
    """The file cannot be parsed as the type it claims to be."""


class EncryptedDocument(CorruptDocument):
    """The PDF is password-protected, so its text cannot be read."""


class NoExtractableText(DocumentRejected):
    """The file holds no text layer (for example a scanned PDF that needs OCR)."""


class DocumentTooLarge(DocumentRejected):
    """The file is over the configured size or page limit."""


class DocumentNotFound(KnowledgeError):
    """No document has the given id."""


class InvalidTransition(KnowledgeError):
    """The lifecycle change is not allowed from the document's current status."""


class DifferentDocuments(KnowledgeError):
    """Two document ids were compared as versions, but they belong to different families."""


class EmbedderUnavailable(KnowledgeError):
    """The embedding model cannot run on this machine; the message says what is missing."""
