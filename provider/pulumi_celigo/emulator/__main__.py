"""``python -m pulumi_celigo.emulator``: same as the ``pulumi-celigo-emulator`` command."""

from .cli import main

raise SystemExit(main())
