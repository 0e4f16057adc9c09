"""Pure ASGI middleware: request limits and text checks at the edge, security headers."""
