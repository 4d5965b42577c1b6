"""Entry point for `python -m app_datos`."""

from app_datos.cli import main

raise SystemExit(main())
