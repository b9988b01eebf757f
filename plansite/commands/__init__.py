"""The commands `build.py` runs: the command line and the steps of each command."""
