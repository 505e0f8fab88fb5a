"""Entry point of the packaged executable."""

from console.cli import main

raise SystemExit(main())
