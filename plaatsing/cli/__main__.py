"""`python -m plaatsing.cli …` runs the command line."""
from plaatsing.cli import main

main()
