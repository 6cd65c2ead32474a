"""Plugins: the hook specifications, the plugin manager and the built-in backends.

Nothing here imports the training package; model backends import their runtime (ONNX Runtime or torch) only
when they are built.
"""
