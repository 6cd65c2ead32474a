"""Adapting the model to one team's repository: mining (name, description) pairs from the files themselves.

Nothing here imports torch: mining only reads the first few kilobytes of files, so the Language Server and
``filedesc tree`` can use it too. The training half (LoRA, export) lives in ``filedesc.training.adapt``.
"""
