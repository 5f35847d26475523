"""Schemathesis hooks: `application/pdf` bodies, for the scans of the minutes.

Schemathesis sends PNG and JPEG files of its own but has no serializer for PDF: this one
sends the spec's example (a small PDF file) and the strings generated for the body's
`format: binary` schema as their bytes, which the service must refuse by their content."""

import schemathesis


@schemathesis.serializer("application/pdf")
def pdf(_ctx, value):
    return {"data": value if isinstance(value, bytes) else str(value).encode()}
