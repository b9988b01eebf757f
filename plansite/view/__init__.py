"""What pages and files ask of an edition: its index, its labels and wording, and the address of every page."""
