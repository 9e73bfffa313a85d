"""`python -m msa_check` runs the command-line interface."""

from msa_check.cli import main

main()
