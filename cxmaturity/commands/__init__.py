"""The command line's commands, one module per group, imported only when used."""
