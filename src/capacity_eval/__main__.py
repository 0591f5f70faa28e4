"""`python -m capacity_eval`: the same as the `capacity-eval` command."""

from .cli import main

main()
