"""``filedesc adapt``: LoRA on the pairs mined from a team's repository, replay, before/after scores, export.

Mining is torch-free and lives in :mod:`filedesc.adapt`; this package holds the parts that need torch.
"""
