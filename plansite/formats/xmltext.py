"""Data into XML (the Atom feed, the SVG charts): escaped, and without the characters XML 1.0
forbids even as character references (most C0 controls, lone surrogates, U+FFFE and U+FFFF), so
the document stays well-formed whatever the data holds."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ATTRIBUTE = {'"': "&quot;", "'": "&apos;"}


def xml_chars(value: object) -> str:
    """The text with every character XML 1.0 cannot hold left out."""
    return NOT_XML.sub("", str(value))


def xml_text(value: object) -> str:
    """Text for an XML element or a quoted attribute: allowed characters only, & < > " ' escaped."""
    return escape(xml_chars(value), ATTRIBUTE)
