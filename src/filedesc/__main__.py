"""``python -m filedesc`` is the ``filedesc`` command."""

from filedesc.cli import main

raise SystemExit(main())
