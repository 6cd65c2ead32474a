"""The filedesc Language Server (``filedesc serve``): hovers, code lenses and a batch request for editors.

The protocol runs on stdio (or TCP); nothing but the protocol is ever written to stdout. Start it with
``filedesc serve`` or ``python -m filedesc.server``; the handlers live in ``filedesc.server.server``.
"""
