"""One module per subcommand; each exposes register(subparsers) and run(args) -> exit code."""
