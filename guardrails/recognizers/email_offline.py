"""Email recognizer whose domain check uses tldextract's bundled suffix list, never the network."""

from __future__ import annotations

import re

import tldextract
from presidio_analyzer.predefined_recognizers import EmailRecognizer

# suffix_list_urls=() means "never fetch": tldextract falls back to the public
# suffix list snapshot shipped inside the wheel; cache_dir=None writes nothing.
# Presidio's EmailRecognizer calls the module-level tldextract.extract, which
# downloads publicsuffix.org's list on first use.
OFFLINE_TLD_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True
)

# A top-level label of letters only: reserved names (".example", ".test") and typos
# (".con", ".itt") are not public suffixes, but the address is still someone's.
_ALPHABETIC_TLD = re.compile(r"\.[^\W\d_]{2,24}$")


class OfflineEmailRecognizer(EmailRecognizer):
    """Recognize email addresses (RFC 5322 shape) with an offline public-suffix check.

    Same patterns, score and context as Presidio's ``EmailRecognizer``; only
    :meth:`validate_result` differs: the domain must end in a known public
    suffix according to the snapshot bundled with tldextract, or in a
    top-level label made of letters only. A redaction guard keeps
    "mario@libero.itt" out of the logs too.
    """

    def validate_result(self, pattern_text: str) -> bool:
        """Return True when the domain ends in a known public suffix or an alphabetic label."""
        return OFFLINE_TLD_EXTRACT(pattern_text).fqdn != "" or bool(
            _ALPHABETIC_TLD.search(pattern_text)
        )
